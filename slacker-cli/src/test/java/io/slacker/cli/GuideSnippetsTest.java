package io.slacker.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slacker.CallOptions;
import io.slacker.Callback;
import io.slacker.CanceledException;
import io.slacker.ContentType;
import io.slacker.DeadlineInterceptor;
import io.slacker.Doc;
import io.slacker.FireAndForget;
import io.slacker.Function;
import io.slacker.Namespace;
import io.slacker.NotFoundException;
import io.slacker.RemoteException;
import io.slacker.SlackerCaller;
import io.slacker.SlackerClient;
import io.slacker.SlackerServer;
import io.slacker.data.Keyword;
import io.slacker.data.Symbol;
import io.slacker.spi.CallContext;
import io.slacker.spi.Interceptor;
import io.slacker.spi.RemoteFunction;
import io.slacker.spi.Serializers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The snippets of docs/guide.md, run over loopback: if the API changes, this fails before the guide misleads. */
class GuideSnippetsTest {
    @Namespace("demo.greeter")
    public interface Greeter {
        @Doc("says hello")
        String hello(String name);

        List<Long> randInts(int n);

        @Function("now")
        long currentTimeMillis();

        String hello(String greeting, String name);
    }

    public static class GreeterImpl implements Greeter {
        @Override
        public String hello(String name) {
            return "Hello, " + name;
        }

        @Override
        public List<Long> randInts(int n) {
            return new Random().longs(n, 0, 100).boxed().toList();
        }

        @Override
        public long currentTimeMillis() {
            return System.currentTimeMillis();
        }

        @Override
        public String hello(String greeting, String name) {
            return greeting + ", " + name;
        }
    }

    @Namespace("demo.greeter")
    public interface GreeterClient {
        String hello(String name);

        @Function("hello")
        CompletableFuture<String> helloAsync(String name);

        @Function("hello")
        void hello(String name, Callback<String> callback);

        @FireAndForget
        @Function("hello")
        void helloAndForget(String name);
    }

    /** The guide's timing interceptor, recording instead of printing. */
    static final class TimingInterceptor implements Interceptor {
        final List<String> log = new CopyOnWriteArrayList<>();

        @Override
        public void before(CallContext call) {
            call.attributes().put("start", System.nanoTime());
        }

        @Override
        public void after(CallContext call) {
            Object start = call.attributes().get("start");
            if (start != null) {
                long micros = (System.nanoTime() - (Long) start) / 1000;
                log.add(call.fullName() + " took " + micros + " µs" + (call.error() != null ? " and failed: " + call.error() : ""));
            }
        }
    }

    static final class TenantInterceptor implements Interceptor {
        @Override
        public void before(CallContext call) {
            if (call.fullName().startsWith("demo.tenant/") && call.extension(16) == null) {
                call.error(new IllegalArgumentException("no tenant"));
            }
        }
    }

    /** A Kryo-registered class. */
    public record Point(long x, long y) {
    }

    /** Uses Point. */
    @Namespace("demo.points")
    public interface Points {
        Point mirror(Point p);
    }

    private static Map<String, RemoteFunction> dynamicFunctions() {
        Map<String, RemoteFunction> fns = new LinkedHashMap<>();
        fns.put("echo2", args -> args.size() == 1 ? args.get(0) : args);
        fns.put("sum", args -> args.stream().mapToLong(a -> ((Number) a).longValue()).sum());
        fns.put("tenant", args -> CallContext.current().extension(16));
        return fns;
    }

    @Test
    void exposingCallingAsyncCallbacksInterceptorsExtensions() throws Exception {
        TimingInterceptor serverTiming = new TimingInterceptor();
        TimingInterceptor clientTiming = new TimingInterceptor();
        ExecutorService reports = Executors.newFixedThreadPool(4);
        try (SlackerServer server = SlackerServer.builder()
                .host("127.0.0.1")
                .port(0)
                .expose(Greeter.class, new GreeterImpl())
                .expose("demo.dynamic", dynamicFunctions())
                .expose("demo.tenant", Map.of("who", (RemoteFunction) args -> CallContext.current().extension(16)))
                .notFoundHandler("demo.greeter", (function, args) -> List.of("no such function", function))
                .threads(10).queueSize(3000)
                .executor("demo.dynamic", 2, 10)
                .executor("demo.tenant", reports)
                .expose("demo.fast", Map.of("inc", (RemoteFunction) args -> ((Number) args.get(0)).longValue() + 1))
                .runOnIoThread("demo.fast")
                .ioThreads(2)
                .interceptor(serverTiming)
                .interceptor(new TenantInterceptor())
                .http(0)
                .start();
             SlackerClient client = SlackerClient.builder()
                .address("127.0.0.1:" + server.port())
                .contentType(ContentType.CLJ)
                .timeout(Duration.ofSeconds(10))
                .interceptor(clientTiming)
                .build()) {
            Greeter greeter = client.proxy(Greeter.class);
            assertThat(greeter.hello("Ada")).isEqualTo("Hello, Ada");
            assertThat(greeter.hello("Hi", "Ada")).isEqualTo("Hi, Ada");
            assertThat(greeter.randInts(3)).hasSize(3);
            assertThat(greeter.currentTimeMillis()).isPositive();

            Object r = client.call("demo.greeter", "rand-ints", List.of(5));
            assertThat((List<?>) r).hasSize(5);
            Object r2 = client.call("demo.greeter", "hello", List.of("Ada"), CallOptions.defaults()
                .withTimeout(Duration.ofSeconds(2))
                .withContentType(ContentType.JSON)
                .withExtension(16, "tenant-a")
                .withInterruptOnTimeout(true)
                .withProtocolVersion(6));
            assertThat(r2).isEqualTo("Hello, Ada");

            assertThat(client.call("demo.dynamic", "sum", List.of(1, 2, 3))).isEqualTo(6L);
            assertThat(client.call("demo.fast", "inc", List.of(41))).isEqualTo(42L);
            assertThat(client.call("demo.dynamic", "echo2", List.of("x"))).isEqualTo("x");
            assertThat(client.call("demo.greeter", "nope", List.of())).isEqualTo(List.of("no such function", "nope"));
            assertThatThrownBy(() -> client.call("demo.dynamic", "nope", List.of())).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> client.call("demo.greeter", "hello", List.of(1, 2, 3)))
                .isInstanceOf(RemoteException.class)
                .hasMessage("java.lang.IllegalArgumentException: Wrong number of args (3) passed to: demo.greeter/hello; "
                    + "it takes 1, 2");

            // extensions: echoed to the function, refused without
            assertThat(client.call("demo.tenant", "who", List.of(), CallOptions.defaults().withExtension(16, "tenant-a")))
                .isEqualTo("tenant-a");
            assertThatThrownBy(() -> client.call("demo.tenant", "who", List.of()))
                .isInstanceOf(RemoteException.class).hasMessageContaining("no tenant");

            GreeterClient g = client.proxy(GreeterClient.class);
            assertThat(g.helloAsync("Ada").get(5, TimeUnit.SECONDS)).isEqualTo("Hello, Ada");
            CompletableFuture<String> viaCallback = new CompletableFuture<>();
            g.hello("Bob", (result, error) -> {
                if (error != null) {
                    viaCallback.completeExceptionally(error);
                } else {
                    viaCallback.complete(result);
                }
            });
            assertThat(viaCallback.get(5, TimeUnit.SECONDS)).isEqualTo("Hello, Bob");
            g.helloAndForget("Eve");
            CompletableFuture<Object> f = client.callAsync("demo.greeter", "rand-ints", List.of(3), CallOptions.defaults());
            assertThat((List<?>) f.get(5, TimeUnit.SECONDS)).hasSize(3);

            // inspect
            List<String> names = client.functions("demo.greeter");
            assertThat(names).contains("demo.greeter/hello", "demo.greeter/rand-ints", "demo.greeter/now");
            Map<?, ?> meta = client.meta("demo.greeter/hello");
            assertThat(meta.get(Keyword.of("doc"))).isEqualTo("says hello");
            assertThat(meta.get(Keyword.of("name"))).isEqualTo(Symbol.of("hello"));
            assertThat(Edn.print(meta.get(Keyword.of("arglists")))).isEqualTo("([name] [greeting name])");
            assertThat(client.meta("demo.dynamic/sum")).isEmpty();
            assertThat(Edn.print(client.clients())).contains(":connected-clients");
            assertThat(client.serverVersion()).isNotNull();

            // HTTP transport
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + server.httpPort();
            HttpResponse<String> ok = http.send(HttpRequest.newBuilder(URI.create(base + "/demo.greeter/hello.clj"))
                .POST(HttpRequest.BodyPublishers.ofString("[\"Ada\"]")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).isEqualTo("\"Hello, Ada\"");
            assertThat(ok.headers().firstValue("content-type")).hasValue("application/clj");
            HttpResponse<String> notFound = http.send(HttpRequest.newBuilder(URI.create(base + "/demo.dynamic/nope.json"))
                .POST(HttpRequest.BodyPublishers.ofString("[]")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(notFound.statusCode()).isEqualTo(404);
            HttpResponse<String> badSuffix = http.send(HttpRequest.newBuilder(URI.create(base + "/demo.greeter/now.xml"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(badSuffix.statusCode()).isEqualTo(400);
            HttpResponse<String> error = http.send(HttpRequest.newBuilder(URI.create(base + "/demo.greeter/hello.json"))
                .POST(HttpRequest.BodyPublishers.ofString("[1, 2, 3]")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(error.statusCode()).isEqualTo(500);
            HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create(base + "/demo.greeter/now.clj")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
            assertThat(get.statusCode()).isEqualTo(200);
        } finally {
            reports.shutdownNow();
        }
        assertThat(serverTiming.log).anyMatch(s -> s.startsWith("demo.greeter/hello took "));
        assertThat(clientTiming.log).anyMatch(s -> s.startsWith("demo.greeter/rand-ints took "));
    }

    /** The guide's client-side cache: a hit never reaches the network. */
    public static final class CacheInterceptor implements Interceptor {
        private final Map<List<Object>, Object> cache = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public void before(CallContext call) {
            Object hit = cache.get(List.of(call.fullName(), call.args()));
            if (hit != null) {
                call.result(hit);
            }
        }

        @Override
        public void post(CallContext call) {
            if (call.error() == null && call.result() != null) {
                cache.put(List.of(call.fullName(), call.args()), call.result());
            }
        }
    }

    @Test
    void aClientInterceptorAnswersFromItsCacheAndEitherClientIsACaller() {
        java.util.concurrent.atomic.AtomicInteger runs = new java.util.concurrent.atomic.AtomicInteger();
        try (SlackerServer server = SlackerServer.builder().host("127.0.0.1").port(0)
                .expose("demo.counted", Map.of("square", (RemoteFunction) args -> {
                    runs.incrementAndGet();
                    long n = ((Number) args.get(0)).longValue();
                    return n * n;
                }))
                .start();
             SlackerCaller caller = SlackerClient.builder().address("127.0.0.1:" + server.port())
                .interceptor(new CacheInterceptor()).build()) {
            assertThat(caller.call("demo.counted", "square", List.of(7))).isEqualTo(49L);
            assertThat(caller.call("demo.counted", "square", List.of(7))).isEqualTo(49L);
            assertThat(caller.call("demo.counted", "square", List.of(8))).isEqualTo(64L);
            assertThat(runs.get()).isEqualTo(2);
        }
    }

    @Test
    void deadlinesCancelCallsWhoseDeadlineHasPassed() {
        try (SlackerServer server = SlackerServer.builder().host("127.0.0.1").port(0)
                .expose("demo.slow", Map.of("deadline", (RemoteFunction) args -> CallContext.current().extension(-1)))
                .interceptor(new DeadlineInterceptor(-1))
                .start()) {
            String addr = "127.0.0.1:" + server.port();
            try (SlackerClient client = SlackerClient.builder().address(addr).deadline(-1).build()) {
                long now = System.currentTimeMillis();
                Object deadline = client.call("demo.slow", "deadline", List.of(),
                    CallOptions.defaults().withTimeout(Duration.ofSeconds(5)));
                assertThat(((Number) deadline).longValue()).isBetween(now + 4_000, now + 6_000);
            }
            try (SlackerClient plain = SlackerClient.builder().address(addr).build()) {
                // a deadline that passed already, stamped by hand: the server does not run the call
                assertThatThrownBy(() -> plain.call("demo.slow", "deadline", List.of(),
                    CallOptions.defaults().withExtension(-1, System.currentTimeMillis() - 1_000)))
                    .isInstanceOf(CanceledException.class);
            }
        }
    }

    @Test
    void kryoWithRegisteredClasses() {
        Serializers serializers = Serializers.builder()
            .standard(ContentType.CLJ)
            .standard(ContentType.JSON)
            .kryo(Point.class)
            .build();
        assertThat(serializers.contentTypes()).contains(ContentType.DEFLATE_CARB, ContentType.DEFLATE_CLJ, ContentType.DEFLATE_JSON);
        try (SlackerServer server = SlackerServer.builder().host("127.0.0.1").port(0).serializers(serializers)
                .expose(Points.class, p -> new Point(p.y(), p.x())).start();
             SlackerClient client = SlackerClient.builder().address("127.0.0.1:" + server.port()).serializers(serializers)
                .contentType(ContentType.CARB).build()) {
            assertThat(client.proxy(Points.class).mirror(new Point(1, 2))).isEqualTo(new Point(2, 1));
            assertThat(client.functions(null)).containsExactly("demo.points/mirror");
        }
    }

    @Test
    void gracefulStop() throws Exception {
        SlackerServer server = SlackerServer.builder().host("127.0.0.1").port(0).shutdownTimeout(Duration.ofSeconds(30))
            .expose("demo.slow", Map.of("sleep", (RemoteFunction) args -> {
                Thread.sleep(((Number) args.get(0)).longValue());
                return "done";
            })).start();
        try (SlackerClient client = SlackerClient.builder().address("127.0.0.1:" + server.port()).build()) {
            CompletableFuture<Object> running = client.callAsync("demo.slow", "sleep", List.of(300), CallOptions.defaults());
            long until = System.nanoTime() + 5_000_000_000L;
            while (server.inFlight() == 0 && System.nanoTime() < until) {
                Thread.sleep(5);
            }
            server.stop(Duration.ofSeconds(2));
            assertThat(running.get(5, TimeUnit.SECONDS)).isEqualTo("done");
        }
    }
}
