package io.slacker.internal.client;

import io.slacker.Callback;
import io.slacker.FireAndForget;
import io.slacker.Function;
import io.slacker.Namespace;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The interface the client tests proxy (served by {@link FakeServer#standard()}). */
@Namespace("test.api")
public interface TestApi {
    long add(long a, long b);

    @Function("add")
    int addInts(int a, int b);

    String echo(String s);

    @Function("echo")
    List<Integer> echoInts(List<Long> xs);

    @Function("echo")
    Map<String, Long> echoMap(Map<String, Long> m);

    @Function("echo")
    CompletableFuture<String> echoAsync(String s);

    @Function("echo")
    void echoCallback(String s, Callback<String> done);

    @FireAndForget
    @Function("echo")
    void log(String line);

    void fail();

    void missing();

    String silent();

    default String greet(String name) {
        return "hi " + echo(name);
    }
}
