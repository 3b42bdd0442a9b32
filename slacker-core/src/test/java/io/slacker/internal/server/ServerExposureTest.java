package io.slacker.internal.server;

import static io.slacker.internal.server.Edn.request;
import static io.slacker.internal.server.Edn.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slacker.Function;
import io.slacker.Namespace;
import io.slacker.SlackerServer;
import io.slacker.internal.protocol.Frame;
import io.slacker.internal.protocol.ResultCode;
import io.slacker.testkit.RawConnection;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Interfaces and maps become namespaces: names, arity dispatch, varargs, conversion, errors. */
class ServerExposureTest {

    /** No @Namespace: the namespace is the interface's fully qualified name. */
    public interface Plain {
        long addThree(long a, long b, long c);

        String getHTTPCode();
    }

    /** Renamed functions, overloads by arity, varargs, typed parameters. */
    @Namespace("test.api")
    public interface Api {
        @Function("plus!")
        long plus(long a, long b);

        String greet(String name);

        String greet(String greeting, String name);

        long sum(long first, long... rest);

        int length(List<String> items);

        String describe(Map<String, Long> counts);

        Object explode();
    }

    static final class ApiImpl implements Api {
        @Override
        public long plus(long a, long b) {
            return a + b;
        }

        @Override
        public String greet(String name) {
            return "hello " + name;
        }

        @Override
        public String greet(String greeting, String name) {
            return greeting + " " + name;
        }

        @Override
        public long sum(long first, long... rest) {
            return first + Arrays.stream(rest).sum();
        }

        @Override
        public int length(List<String> items) {
            return items.size();
        }

        @Override
        public String describe(Map<String, Long> counts) {
            return new java.util.TreeMap<>(counts).toString();
        }

        @Override
        public Object explode() {
            throw new IllegalStateException("boom");
        }
    }

    private static SlackerServer server;

    @BeforeAll
    static void start() {
        server = SlackerServer.builder().host("127.0.0.1").port(0)
            .expose(Plain.class, new Plain() {
                @Override
                public long addThree(long a, long b, long c) {
                    return a + b + c;
                }

                @Override
                public String getHTTPCode() {
                    return "200";
                }
            })
            .expose(Api.class, new ApiImpl())
            .expose("test.dyn", Map.of("count", args -> (long) args.size()))
            .notFoundHandler("test.dyn", (fn, args) -> List.of("missing", fn, args))
            .start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String call(String fname, String args) {
        try (RawConnection c = new RawConnection(server.port())) {
            Frame f = c.send(request(1, fname, args)).await(1);
            if (f instanceof Frame.Error e) {
                return "error " + e.resultCode().wireName();
            }
            Frame.Response r = (Frame.Response) f;
            return (r.resultCode() == ResultCode.SUCCESS ? "" : r.resultCode().wireName() + " ") + text(r.data());
        }
    }

    @Test
    void namespaceDefaultsToTheInterfaceNameAndFunctionsToKebabCase() {
        String ns = Plain.class.getName();
        assertThat(call(ns + "/add-three", "[1 2 3]")).isEqualTo("6");
        assertThat(call(ns + "/get-http-code", "[]")).isEqualTo("\"200\"");
        assertThat(server.namespaces()).contains(ns, "test.api", "test.dyn");
    }

    @Test
    void functionAnnotationRenames() {
        assertThat(call("test.api/plus!", "[40 2]")).isEqualTo("42");
        assertThat(call("test.api/plus", "[40 2]")).isEqualTo("error not-found");
    }

    @Test
    void overloadsDispatchByArity() {
        assertThat(call("test.api/greet", "[\"bob\"]")).isEqualTo("\"hello bob\"");
        assertThat(call("test.api/greet", "[\"hi\" \"bob\"]")).isEqualTo("\"hi bob\"");
    }

    @Test
    void varargsTakeTheRest() {
        assertThat(call("test.api/sum", "[1]")).isEqualTo("1");
        assertThat(call("test.api/sum", "[1 2 3 4]")).isEqualTo("10");
    }

    @Test
    void argumentsConvertToGenericParameterTypes() {
        assertThat(call("test.api/length", "[[\"a\" \"b\" \"c\"]]")).isEqualTo("3");
        assertThat(call("test.api/describe", "[{:b 2, :a 1}]")).isEqualTo("\"{a=1, b=2}\"");
    }

    @Test
    void wrongArityIsAnExceptionResultNamingTheFunction() {
        String r = call("test.api/plus!", "[1]");
        assertThat(r).startsWith("exception ").contains("Wrong number of args (1)").contains("test.api/plus!");
    }

    @Test
    void unconvertibleArgumentsAreAnExceptionResultNamingTheProblem() {
        String r = call("test.api/plus!", "[\"x\" 2]");
        assertThat(r).startsWith("exception ").contains("test.api/plus!").contains("cannot convert");
    }

    @Test
    void thrownExceptionsAreSentAsTheirString() {
        assertThat(call("test.api/explode", "[]")).isEqualTo("exception \"java.lang.IllegalStateException: boom\"");
    }

    @Test
    void dynamicFunctionsAndNotFoundHandler() {
        assertThat(call("test.dyn/count", "[1 2 3]")).isEqualTo("3");
        assertThat(call("test.dyn/nope", "[1 2]")).isEqualTo("[\"missing\" \"nope\" [1 2]]");
        assertThat(call("test.api/nope", "[]")).isEqualTo("error not-found");
        assertThat(call("no.such.ns/f", "[]")).isEqualTo("error not-found");
        assertThat(call("noslash", "[]")).isEqualTo("error not-found");
    }

    @Test
    void aProxySpreadsVarargsAsTheServerTakesThem() {
        try (io.slacker.SlackerClient c = io.slacker.SlackerClient.builder()
            .address("127.0.0.1", server.port()).build()) {
            Api api = c.proxy(Api.class);
            assertThat(api.sum(1)).isEqualTo(1);
            assertThat(api.sum(1, 2, 3, 4)).isEqualTo(10);
        }
    }

    @Test
    void theSameFunctionCannotBeExposedTwice() {
        assertThatThrownBy(() -> SlackerServer.builder().expose("a", Map.of("f", args -> 1))
            .expose("a", Map.of("f", args -> 2))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a/f");
    }
}
