package io.slacker.internal.client;

import static io.slacker.internal.client.Answers.decode;
import static io.slacker.internal.client.Answers.errorFor;
import static io.slacker.internal.client.Answers.remoteException;

import io.netty.channel.EventLoopGroup;
import io.slacker.CallOptions;
import io.slacker.CanceledException;
import io.slacker.ConnectionBrokenException;
import io.slacker.ContentType;
import io.slacker.FrameTooLargeException;
import io.slacker.RemoteProtocolException;
import io.slacker.SlackerException;
import io.slacker.internal.call.CallState;
import io.slacker.internal.client.PreparedCall.Prepared;
import io.slacker.internal.client.PreparedCall.Settings;
import io.slacker.internal.protocol.Extension;
import io.slacker.internal.protocol.Frame;
import io.slacker.internal.protocol.InspectCommand;
import io.slacker.internal.protocol.ResultCode;
import io.slacker.internal.serialization.edn.EdnPrinter;
import io.slacker.spi.ClientObserver;
import io.slacker.spi.Interceptor;
import io.slacker.spi.Serializer;
import io.slacker.spi.Serializers;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs calls: interceptors, encoding, transaction ids, the pending entry with its deadline, the
 * send (through the channel's {@link RequestWriter}), and the decoding and error mapping of the
 * answer. Never blocks.
 */
final class Caller {
    private static final Logger LOG = LoggerFactory.getLogger(Caller.class);

    private final ClientConfig config;
    private final Connection connection;
    private final PendingCalls pending;
    private final TimeoutSweep timeouts;
    private final FullNames names = new FullNames();
    private final Interceptor interceptor;
    private final ClientObserver observer;
    private final InetSocketAddress remote;
    private final CallOptions defaults;
    private final Settings defaultSettings;
    /** Per client (per server address), as the Clojure client: the first call is 1, tid 0 is never used by calls. */
    private final AtomicInteger tids = new AtomicInteger();

    Caller(ClientConfig config, Connection connection, PendingCalls pending, EventLoopGroup group) {
        this.config = config;
        this.connection = connection;
        this.pending = pending;
        this.timeouts = new TimeoutSweep(pending, group.next());
        this.interceptor = config.interceptor();
        this.observer = config.observer();
        this.remote = InetSocketAddress.createUnresolved(config.host(), config.port());
        this.defaults = CallOptions.defaults().withTimeout(config.timeout()).withContentType(config.contentType())
            .withProtocolVersion(config.protocolVersion()).withInterruptOnTimeout(config.interruptOnTimeout());
        this.defaultSettings = new Settings(defaults.contentType(), defaults.protocolVersion(),
            Math.max(1, defaults.timeout().toMillis()), defaults.interruptOnTimeout());
    }

    private int nextTid() {
        int tid;
        do {
            tid = tids.incrementAndGet();
        } while (tid == 0);
        return tid;
    }

    /** The call's options over the client's defaults, every setting resolved. */
    private CallOptions effective(CallOptions o) {
        if (o == null || o == CallOptions.defaults()) {
            return defaults;
        }
        return o.orElse(defaults);
    }

    private Settings settings(CallOptions effective) {
        if (effective == defaults) {
            return defaultSettings;
        }
        return new Settings(effective.contentType(), effective.protocolVersion(), Math.max(1, effective.timeout().toMillis()),
            effective.interruptOnTimeout());
    }

    private Prepared prepare(String ns, String fn, List<?> args, CallOptions options) {
        long start = observer == ClientObserver.NONE ? 0 : System.nanoTime();
        CallOptions effective = effective(options);
        Settings s = settings(effective);
        CallState ctx = new CallState(ns, fn, names.of(ns, fn), effective, remote);
        ctx.args(argList(args));
        if (!effective.extensions().isEmpty()) {
            ctx.extensions().putAll(effective.extensions());
        }
        interceptor.pre(ctx);
        interceptor.before(ctx);
        if (ctx.hasResult() || ctx.error() != null || ctx.isCanceled()) {
            return new Prepared(ctx, s, null, null, null, start);
        }
        if (!config.serializers().supports(s.contentType())) {
            throw new SlackerException("no serializer for content type " + s.contentType().wireName()
                + Serializers.missingHint(s.contentType()) + " (calling " + ctx.fullName() + ")");
        }
        Serializer ser = config.serializers().get(s.contentType());
        byte[] data = ser.serialize(ctx.args());
        List<Extension> exts = List.of();
        long extBytes = 0;
        if (s.version() >= Frame.V6 && ctx.hasExtensions()) {
            exts = new ArrayList<>();
            for (Map.Entry<Integer, Object> e : ctx.extensions().entrySet()) {
                Extension ext = new Extension(e.getKey(), ser.serialize(e.getValue()));
                exts.add(ext);
                extBytes += ext.value().length;
            }
        }
        String fullName = ctx.fullName();
        // a UTF-8 char takes at most 3 bytes: encode the name only when the body may be too large
        long body = data.length + extBytes + 3L * fullName.length();
        if (body > config.maxBody()) {
            body = data.length + extBytes + fullName.getBytes(StandardCharsets.UTF_8).length;
        }
        if (body > config.maxBody()) {
            throw new FrameTooLargeException(ctx.fullName() + ": the encoded call body of " + body
                + " bytes exceeds the limit of " + config.maxBody() + " bytes (maxBodySize); nothing was sent", body,
                config.maxBody());
        }
        return new Prepared(ctx, s, ser, data, exts, start);
    }

    /** The caller's arguments as they are (serialized before the call returns, so not copied). */
    @SuppressWarnings("unchecked")
    private static List<Object> argList(List<?> args) {
        return args == null ? List.of() : (List<Object>) args;
    }

    /** Calls {@code ns/fn}; the future completes with the decoded result (after interceptors) or a {@link SlackerException}. */
    CompletableFuture<Object> call(String ns, String fn, List<?> args, CallOptions options) {
        Prepared p;
        try {
            p = prepare(ns, fn, args, options);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        CallState ctx = p.ctx();
        if (p.shortCircuited()) {
            return CompletableFuture.completedFuture(null).thenApply(x -> localAnswer(p));
        }
        AsyncCall call = new AsyncCall(p, nextTid());
        try {
            send(call);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return call;
    }

    /**
     * A call whose future completes with its decoded result: the answer is decoded, and the
     * {@code after} and {@code post} stages run, where the reply arrives (the I/O thread) or on
     * the callback executor. The call is its own future: no second future, no callback object.
     */
    private final class AsyncCall extends PreparedCall {
        AsyncCall(Prepared p, int tid) {
            super(p, tid);
        }

        @Override
        void answered(Frame frame) {
            settle(frame, null);
        }

        @Override
        void failed(Throwable error) {
            settle(null, error);
        }

        private void settle(Frame frame, Throwable error) {
            Executor exec = config.callbackExecutor();
            if (exec == null) {
                finish(frame, error);
                return;
            }
            try {
                exec.execute(() -> finish(frame, error));
            } catch (RejectedExecutionException e) {
                completeExceptionally(new SlackerException("the callback executor refused the outcome of " + description(), e));
            }
        }

        private void finish(Frame frame, Throwable error) {
            try {
                CallState ctx = prepared.ctx();
                outcome(prepared, frame, error);
                if (ctx.error() != null) {
                    completeExceptionally(ctx.error());
                } else {
                    complete(ctx.result());
                }
            } catch (Throwable t) {
                completeExceptionally(t);
            }
        }
    }

    /**
     * {@link #call} that waits: the same stages, but the answer is decoded (and the {@code after}
     * and {@code post} stages run) on the calling thread instead of the connection's I/O thread,
     * which then only matches the frame to its call. With a callback executor, as {@link #call}.
     */
    Object callBlocking(String ns, String fn, List<?> args, CallOptions options) {
        if (config.callbackExecutor() != null) {
            return Blocking.await(call(ns, fn, args, options));
        }
        Prepared p = prepare(ns, fn, args, options);
        CallState ctx = p.ctx();
        if (p.shortCircuited()) {
            return Blocking.await(CompletableFuture.completedFuture(null).thenApply(x -> localAnswer(p)));
        }
        PendingCall call = new PreparedCall(p, nextTid());
        send(call);
        Frame frame = null;
        Throwable error = null;
        try {
            frame = (Frame) Blocking.awaitOutcome(call);
        } catch (ExecutionException e) {
            error = e.getCause();
        }
        outcome(p, frame, error);
        if (ctx.error() != null) {
            return Blocking.rethrow(ctx.error());
        }
        return ctx.result();
    }

    /** Fills the context from the reply or the failure, then runs {@code post} and tells the observer. */
    private void outcome(Prepared p, Frame frame, Throwable error) {
        CallState ctx = p.ctx();
        if (error != null) {
            ctx.error(error);
        } else {
            answer(ctx, frame, p.serializer());
        }
        interceptor.post(ctx);
        Observing.completed(observer, ctx, p.start());
    }

    /** The outcome of a call a {@code before} stage decided: {@code after} and {@code post} run, nothing is sent. */
    private Object localAnswer(Prepared p) {
        CallState ctx = p.ctx();
        if (ctx.isCanceled() && !ctx.hasResult() && ctx.error() == null) {
            ctx.error(new CanceledException(ctx.fullName() + " canceled by an interceptor"));
        }
        interceptor.after(ctx);
        interceptor.post(ctx);
        Observing.completed(observer, ctx, p.start());
        if (ctx.error() != null) {
            throw new CompletionException(ctx.error());
        }
        return ctx.result();
    }

    /** Sends {@code ns/fn} without waiting for (or reading) the answer; failures to send are logged. */
    void fireAndForget(String ns, String fn, List<?> args, CallOptions options) {
        if (connection.isClosed()) {
            throw new ConnectionBrokenException("client for " + config.address() + " is closed");
        }
        Prepared p = prepare(ns, fn, args, options);
        if (p.shortCircuited()) {
            return;
        }
        enqueue(new OneWayCall(p, nextTid(), observer));
    }

    /** An inspect request; completes with the decoded EDN answer. */
    CompletableFuture<Object> inspect(InspectCommand command, String argument) {
        Settings s = settings(effective(null));
        String what = "inspect " + command.name().toLowerCase(java.util.Locale.ROOT) + " " + argument;
        Frame.InspectRequest request = new Frame.InspectRequest(s.version(), nextTid(), command,
            EdnPrinter.standard().printUtf8(argument));
        PendingCall reply = new FrameCall(request, what, s.timeoutMillis(), s.interrupt());
        try {
            send(reply);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<Object> result = new CompletableFuture<>();
        java.util.function.BiConsumer<Object, Throwable> action = (frame, error) -> {
            try {
                if (error != null) {
                    result.completeExceptionally(error);
                } else if (frame instanceof Frame.InspectAck ack) {
                    result.complete(decode(config.serializers().get(ContentType.CLJ), ack.data(), what));
                } else if (frame instanceof Frame.Error e) {
                    result.completeExceptionally(errorFor(e.resultCodeValue(), what));
                } else {
                    result.completeExceptionally(new RemoteProtocolException("unexpected " + ((Frame) frame).type() + " for " + what));
                }
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        };
        Executor exec = config.callbackExecutor();
        if (exec == null) {
            reply.whenComplete(action);
        } else {
            reply.whenCompleteAsync(action, exec);
        }
        return result;
    }

    /**
     * Registers the pending call and arms its deadline, then queues it on the channel's writer
     * once the connection is there (at once in the common case). Nothing here touches the event
     * loop: the writer wakes it once per batch, and one sweep per client handles the timeouts.
     *
     * @throws ConnectionBrokenException when the client is closed
     */
    private void send(PendingCall call) {
        if (connection.isClosed()) {
            throw new ConnectionBrokenException("client for " + config.address() + " is closed");
        }
        pending.register(call);
        try {
            timeouts.arm(call.deadline);
        } catch (RejectedExecutionException e) {
            pending.remove(call);
            throw new ConnectionBrokenException("client for " + config.address() + " is closed", e);
        }
        enqueue(call);
    }

    /** Queues the call on the channel's writer once the connection is there (at once in the common case). */
    private void enqueue(PendingCall call) {
        RequestWriter ready = connection.writer();
        if (ready != null) {
            call.channel = ready.channel();
            ready.send(call);
            return;
        }
        connection.acquire().whenComplete((ch, err) -> {
            if (err != null) {
                if (!call.expectsAnswer() || pending.remove(call)) {
                    call.failed(err);
                }
                return;
            }
            RequestWriter writer = connection.writerFor(ch);
            if (writer == null) {
                if (!call.expectsAnswer() || pending.remove(call)) {
                    call.failed(new ConnectionBrokenException("connection to " + config.address() + " lost"));
                }
                return;
            }
            call.channel = ch;
            writer.send(call);
        });
    }

    /** Fills the context from the reply frame: extensions, then {@code after}, then the result or error. */
    private void answer(CallState ctx, Frame frame, Serializer requestSerializer) {
        if (frame instanceof Frame.Error e) {
            interceptor.after(ctx);
            ctx.error(errorFor(e.resultCodeValue(), ctx.fullName()));
            return;
        }
        if (!(frame instanceof Frame.Response r)) {
            ctx.error(new RemoteProtocolException("unexpected " + frame.type() + " in answer to " + ctx.fullName()));
            return;
        }
        Serializer ser = requestSerializer;
        if (r.contentTypeCode() != requestSerializer.contentType().code()) {
            ContentType ct = r.contentType();
            if (ct == null || !config.serializers().supports(ct)) {
                interceptor.after(ctx);
                ctx.error(new SlackerException("answer to " + ctx.fullName() + " in unsupported content type " + r.contentTypeCode()));
                return;
            }
            ser = config.serializers().get(ct);
        }
        for (int i = 0; i < r.extensions().size(); i++) {
            Extension e = r.extensions().get(i);
            try {
                ctx.extensions().put(e.id(), ser.deserialize(e.value()));
            } catch (RuntimeException ex) {
                LOG.warn("cannot decode extension {} of the answer to {}: {}", e.id(), ctx.fullName(), ex.toString());
            }
        }
        interceptor.after(ctx);
        ResultCode code = r.resultCode();
        if (code == ResultCode.SUCCESS) {
            ctx.result(decode(ser, r.data(), ctx.fullName()));
        } else if (code == ResultCode.EXCEPTION) {
            ctx.error(remoteException(ser, r.data()));
        } else {
            ctx.error(errorFor(r.resultCodeValue(), ctx.fullName()));
        }
    }
}
