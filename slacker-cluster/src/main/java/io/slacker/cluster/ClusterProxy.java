package io.slacker.cluster;

import io.slacker.CallOptions;
import io.slacker.client.RemoteInterfaceHandler;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The invocation handler behind {@link ClusterClient#proxy}: each abstract method is a cluster
 * call, with the grouping of its {@link Grouped} annotation (or its interface's, or the client's).
 */
final class ClusterProxy extends RemoteInterfaceHandler {
    private final ClusterClient client;
    private final GroupingPolicy defaults;
    private final Map<Method, GroupingPolicy> policies = new HashMap<>();

    private ClusterProxy(ClusterClient client, Class<?> iface, GroupingPolicy defaults) {
        super(iface);
        this.client = client;
        this.defaults = defaults;
        for (Method m : iface.getMethods()) {
            policies.put(m, GroupingPolicy.forMethod(defaults, m));
        }
    }

    static <T> T create(ClusterClient client, Class<T> iface, GroupingPolicy defaults) {
        return new ClusterProxy(client, iface, defaults).newProxy(iface);
    }

    @Override
    protected CompletableFuture<Object> send(RemoteMethod method, List<Object> args) {
        return client.callAsync(namespace(), method.function(), args, CallOptions.defaults(),
            policies.getOrDefault(method.method(), defaults));
    }

    @Override
    protected Object await(CompletableFuture<Object> call) {
        return ClusterClient.await(call);
    }

    @Override
    protected String describe() {
        return "ClusterProxy[" + iface().getName() + " -> " + namespace() + "]";
    }
}
