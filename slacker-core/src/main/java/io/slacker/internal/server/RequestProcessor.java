package io.slacker.internal.server;

import io.slacker.ContentType;
import io.slacker.data.ClojureList;
import io.slacker.data.Keyword;
import io.slacker.internal.call.CallState;
import io.slacker.internal.protocol.Extension;
import io.slacker.internal.protocol.ResultCode;
import io.slacker.spi.Interceptor;
import io.slacker.spi.NotFoundHandler;
import io.slacker.spi.Serializer;
import io.slacker.spi.Serializers;
import io.slacker.spi.CallContext;
import io.slacker.spi.ServerObserver;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The call pipeline, shared by the TCP and HTTP transports: look up -> (worker) decode
 * extensions -> {@code pre} -> decode arguments -> {@code before} -> invoke -> {@code after} ->
 * encode -> {@code post} -> reply. Functions returning a {@link CompletionStage} finish on
 * completion without holding a worker.
 */
final class RequestProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(RequestProcessor.class);
    private static final byte[] EMPTY = new byte[0];
    private static final Keyword MSG = Keyword.of("msg");
    private static final Keyword STACKTRACE = Keyword.of("stacktrace");

    private final WarnLimiter poolFull = new WarnLimiter(LOG, 1_000);
    private final FunctionRegistry registry;
    private final Serializers serializers;
    private final Interceptor interceptor;
    private final CallExecutor defaultExecutor;
    private final Map<String, CallExecutor> executors;
    private final boolean sendStackTraces;
    private final ServerObserver observer;

    RequestProcessor(FunctionRegistry registry, Serializers serializers, Interceptor interceptor,
                     CallExecutor defaultExecutor, Map<String, CallExecutor> executors, boolean sendStackTraces,
                     ServerObserver observer) {
        this.observer = observer;
        this.registry = registry;
        this.serializers = serializers;
        this.interceptor = interceptor;
        this.defaultExecutor = defaultExecutor;
        this.executors = executors;
        this.sendStackTraces = sendStackTraces;
    }

    /**
     * Processes one call; returns at once (the work runs on the namespace's executor). Calls
     * {@code answer}'s {@link Reply#done()} once, when the call has ended.
     */
    void process(String fname, int contentTypeCode, byte[] data, List<Extension> extensions, int version,
                 SocketAddress remote, Reply answer) {
        ContentType ct = ContentType.fromCode(contentTypeCode);
        ExposedFunction function = registry.find(fname);
        int slash = fname.indexOf('/');
        String ns;
        String fn;
        if (function != null && function.namespace().length() == slash) {
            // the registry's copies: no substrings per call
            ns = function.namespace();
            fn = function.name();
        } else {
            ns = slash > 0 ? fname.substring(0, slash) : "";
            fn = slash > 0 ? fname.substring(slash + 1) : fname;
        }
        Reply reply = observer == ServerObserver.NONE ? answer
            : new ObservedReply(answer, observer, ns, function == null ? null : fn, ct, System.nanoTime());
        if (ct == null || !serializers.supports(ct)) {
            reply.error(ResultCode.INVALID_PACKET, "unsupported content type " + contentTypeCode);
            reply.done();
            return;
        }
        NotFoundHandler notFound = function == null ? registry.notFoundHandler(ns) : null;
        if (function == null && notFound == null) {
            reply.error(ResultCode.NOT_FOUND, "function not found: " + fname);
            reply.done();
            return;
        }
        CallExecutor executor = executors.getOrDefault(ns, defaultExecutor);
        Serializer serializer = serializers.get(ct);
        Call call = new Call(new CallState(ns, fn, ct, version, remote), serializer, data, extensions, function, notFound,
            reply);
        try {
            executor.execute(call);
        } catch (RejectedExecutionException e) {
            poolFull.warn("{}: call of {} refused: thread pool full", remote, fname);
            reply.error(ResultCode.THREAD_POOL_FULL, "thread pool full for " + ns);
            reply.done();
        }
    }

    /**
     * Turns the decoded argument payload into an argument list, as slacker spreads it: a fresh
     * mutable list the interceptors may change (a decoded ArrayList, fresh per call, is taken as is).
     */
    @SuppressWarnings("unchecked")
    static List<Object> toArgs(Object decoded) {
        if (decoded == null) {
            return List.of();
        }
        if (decoded.getClass() == ArrayList.class) {
            return (List<Object>) decoded;
        }
        if (decoded instanceof List<?> l) {
            return new ArrayList<>(l);
        }
        if (decoded instanceof Collection<?> c) {
            return new ArrayList<>(c);
        }
        if (decoded instanceof Map<?, ?> m) {
            // Clojure applies the function to the map's entries, each a [k v] vector
            List<Object> out = new ArrayList<>(m.size());
            m.forEach((k, v) -> out.add(Arrays.asList(k, v)));
            return out;
        }
        if (decoded instanceof Object[] arr) {
            return new ArrayList<>(Arrays.asList(arr));
        }
        throw new IllegalArgumentException("the argument payload must be a vector, got " + decoded.getClass().getName());
    }

    /** One call on its way through the pipeline. */
    private final class Call implements Runnable {
        private final CallState ctx;
        private final Serializer serializer;
        private final byte[] data;
        private final List<Extension> rawExtensions;
        private final ExposedFunction function;
        private final NotFoundHandler notFound;
        private final Reply reply;
        private Map<Integer, Object> decodedExtensions = Map.of();

        Call(CallState ctx, Serializer serializer, byte[] data, List<Extension> rawExtensions, ExposedFunction function,
             NotFoundHandler notFound, Reply reply) {
            this.ctx = ctx;
            this.serializer = serializer;
            this.data = data;
            this.rawExtensions = rawExtensions;
            this.function = function;
            this.notFound = notFound;
            this.reply = reply;
        }

        @Override
        public void run() {
            if (!reply.begin()) {
                reply.done();
                return;
            }
            try {
                call();
            } finally {
                reply.end();
            }
        }

        private void call() {
            if (reply.abandoned()) {
                reply.done();
                return;
            }
            Object result;
            try {
                if (!rawExtensions.isEmpty()) {
                    decodedExtensions = new LinkedHashMap<>();
                    for (Extension e : rawExtensions) {
                        decodedExtensions.put(e.id(), serializer.deserialize(e.value()));
                    }
                    ctx.extensions().putAll(decodedExtensions);
                }
                interceptor.pre(ctx);
                List<Object> args;
                try {
                    args = toArgs(serializer.deserialize(data));
                } catch (RuntimeException e) {
                    undecodable(e);
                    return;
                }
                ctx.args(args);
                interceptor.before(ctx);
                if (ctx.isCanceled() || ctx.hasResult() || ctx.error() != null) {
                    finish();
                    return;
                }
                result = ctx.runAsCurrent(() -> function != null ? function.invoke(ctx.args())
                    : notFound.handle(ctx.function(), ctx.args()));
            } catch (Throwable t) {
                ctx.error(unwrap(t));
                finish();
                return;
            }
            if (result instanceof CompletionStage<?> stage) {
                reply.pending(stage.toCompletableFuture());
                stage.whenComplete((v, t) -> {
                    if (t != null) {
                        ctx.error(unwrap(t));
                    } else {
                        ctx.result(v);
                    }
                    finish();
                });
            } else {
                ctx.result(result);
                finish();
            }
        }

        private void undecodable(RuntimeException e) {
            String message = ctx.fullName() + ": cannot decode the arguments as " + ctx.contentType().wireName() + ": "
                + e.getMessage();
            ctx.error(new IllegalArgumentException(message, e));
            if (!reply.abandoned()) {
                reply.undecodable(encodeError(ctx.error()), rawExtensions, message);
            }
            reply.done();
        }

        private void finish() {
            try {
                interceptor.after(ctx);
            } catch (Throwable t) {
                ctx.error(unwrap(t));
            }
            ResultCode code;
            byte[] payload;
            if (ctx.isCanceled()) {
                code = ResultCode.CANCELED;
                payload = EMPTY;
            } else if (ctx.error() != null) {
                code = ResultCode.EXCEPTION;
                payload = encodeError(ctx.error());
            } else {
                try {
                    payload = serializer.serialize(ctx.result());
                    code = ResultCode.SUCCESS;
                } catch (RuntimeException e) {
                    LOG.warn("{}: cannot encode the result in {}", ctx.fullName(), ctx.contentType(), e);
                    ctx.error(e);
                    code = ResultCode.EXCEPTION;
                    payload = encodeError(new IllegalStateException(ctx.fullName() + ": cannot encode the result as "
                        + ctx.contentType().wireName() + ": " + e.getMessage()));
                }
            }
            List<Extension> exts = rawExtensions;
            try {
                interceptor.post(ctx);
                exts = responseExtensions();
            } catch (RuntimeException e) {
                LOG.warn("{}: post interceptor failed", ctx.fullName(), e);
            }
            // answer first, then count the call as done: a graceful stop waits for the count, and
            // the answer is queued on the channel before the stop closes it
            if (!reply.abandoned()) {
                reply.respond(code, payload, exts);
            }
            reply.done();
        }

        /** The request's extensions echoed byte for byte, unless interceptors changed them. */
        private List<Extension> responseExtensions() {
            Map<Integer, Object> now = ctx.extensionsSoFar();
            if (now.isEmpty() ? decodedExtensions.isEmpty() : now.equals(decodedExtensions)) {
                return rawExtensions;
            }
            List<Extension> out = new ArrayList<>(now.size());
            for (Map.Entry<Integer, Object> e : now.entrySet()) {
                out.add(new Extension(e.getKey(), serializer.serialize(e.getValue())));
            }
            return out;
        }

        private byte[] encodeError(Throwable error) {
            Object value;
            if (sendStackTraces) {
                Map<Keyword, Object> m = new LinkedHashMap<>();
                m.put(MSG, String.valueOf(error.getMessage()));
                List<Object> frames = new ArrayList<>();
                for (StackTraceElement el : error.getStackTrace()) {
                    frames.add(el.toString());
                }
                m.put(STACKTRACE, ClojureList.copyOf(frames));
                value = m;
            } else {
                value = error.toString();
            }
            try {
                return serializer.serialize(value);
            } catch (RuntimeException e) {
                return serializer.serialize(error.getClass().getName());
            }
        }
    }

    private static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }
}
