package io.slacker.client;

import io.slacker.CallOptions;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The invocation handler behind {@link SlackerClient#proxy}: calls go to the client's one server. */
final class ProxyHandler extends RemoteInterfaceHandler {
    private final SlackerClient client;

    private ProxyHandler(SlackerClient client, Class<?> iface) {
        super(iface);
        this.client = client;
    }

    @Override
    protected CompletableFuture<Object> send(RemoteMethod method, List<Object> args) {
        return client.caller().call(namespace(), method.function(), args, CallOptions.defaults());
    }

    @Override
    protected void sendAndForget(RemoteMethod method, List<Object> args) {
        client.caller().fireAndForget(namespace(), method.function(), args, CallOptions.defaults());
    }

    @Override
    protected Object await(CompletableFuture<Object> call) {
        return client.await(call);
    }

    @Override
    protected String describe() {
        return "SlackerProxy[" + iface().getName() + " -> " + namespace() + " @ " + client.address() + "]";
    }

    /** Makes the proxy. */
    static <T> T create(SlackerClient client, Class<T> iface) {
        return new ProxyHandler(client, iface).newProxy(iface);
    }
}
