package io.slacker.client;

import io.slacker.serialization.TypeConverter;

import io.slacker.Callback;
import io.slacker.CallOptions;
import io.slacker.FireAndForget;
import io.slacker.RemoteNames;
import io.slacker.SlackerException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The invocation handler behind {@link io.slacker.client.SlackerClient#proxy}: every abstract
 * interface method is a remote function, classified once when the proxy is made.
 */
final class ProxyHandler implements InvocationHandler {
    private static final TypeConverter CONVERTER = TypeConverter.standard();
    private static final Logger LOG = LoggerFactory.getLogger(ProxyHandler.class);

    /** How a method is called. */
    enum Kind { SYNC, ASYNC, CALLBACK, FIRE_AND_FORGET }

    /** A classified remote method. */
    record RemoteMethod(Kind kind, String function, Type resultType) {
    }

    private final SlackerClient client;
    private final Class<?> iface;
    private final String namespace;
    private final Map<Method, RemoteMethod> methods = new HashMap<>();

    ProxyHandler(SlackerClient client, Class<?> iface) {
        if (!iface.isInterface()) {
            throw new IllegalArgumentException(iface.getName() + " is not an interface");
        }
        this.client = client;
        this.iface = iface;
        this.namespace = RemoteNames.namespaceOf(iface);
        for (Method m : iface.getMethods()) {
            if (!m.isDefault() && !Modifier.isStatic(m.getModifiers()) && !isObjectMethod(m)) {
                methods.put(m, classify(m));
            }
        }
    }

    private static RemoteMethod classify(Method m) {
        String fn = RemoteNames.functionOf(m);
        Class<?> ret = m.getReturnType();
        Type[] params = m.getGenericParameterTypes();
        if (m.isAnnotationPresent(FireAndForget.class)) {
            if (ret != void.class) {
                throw new IllegalArgumentException("@FireAndForget method must return void: " + m);
            }
            return new RemoteMethod(Kind.FIRE_AND_FORGET, fn, void.class);
        }
        if (ret == CompletableFuture.class || ret == CompletionStage.class) {
            return new RemoteMethod(Kind.ASYNC, fn, typeArgument(m.getGenericReturnType()));
        }
        if (params.length > 0 && m.getParameterTypes()[params.length - 1] == Callback.class) {
            if (ret != void.class) {
                throw new IllegalArgumentException("a method with a Callback parameter must return void: " + m);
            }
            return new RemoteMethod(Kind.CALLBACK, fn, typeArgument(params[params.length - 1]));
        }
        return new RemoteMethod(Kind.SYNC, fn, m.getGenericReturnType());
    }

    private static Type typeArgument(Type t) {
        return t instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
    }

    private static boolean isObjectMethod(Method m) {
        try {
            Object.class.getMethod(m.getName(), m.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        RemoteMethod rm = methods.get(method);
        if (rm == null) {
            return local(proxy, method, args);
        }
        Object[] a = args == null ? new Object[0] : args;
        switch (rm.kind()) {
            case SYNC -> {
                Object v = client.await(client.caller().call(namespace, rm.function(), RemoteNames.arguments(method, a), CallOptions.defaults()));
                return convert(v, rm);
            }
            case ASYNC -> {
                CompletableFuture<Object> out = new CompletableFuture<>();
                client.caller().call(namespace, rm.function(), RemoteNames.arguments(method, a), CallOptions.defaults()).whenComplete((v, err) -> {
                    if (err != null) {
                        out.completeExceptionally(unwrap(err));
                        return;
                    }
                    try {
                        out.complete(convert(v, rm));
                    } catch (RuntimeException e) {
                        out.completeExceptionally(e);
                    }
                });
                return out;
            }
            case CALLBACK -> {
                Callback cb = (Callback) a[a.length - 1];
                List<Object> callArgs = Arrays.asList(a).subList(0, a.length - 1);
                client.caller().call(namespace, rm.function(), callArgs, CallOptions.defaults()).whenComplete((v, err) -> {
                    Object result = null;
                    Throwable error = unwrap(err);
                    if (error == null) {
                        try {
                            result = convert(v, rm);
                        } catch (RuntimeException e) {
                            error = e;
                        }
                    }
                    try {
                        if (cb != null) {
                            cb.done(result, error);
                        }
                    } catch (RuntimeException e) {
                        LOG.warn("callback of {}/{} threw", namespace, rm.function(), e);
                    }
                });
                return null;
            }
            case FIRE_AND_FORGET -> {
                client.caller().fireAndForget(namespace, rm.function(), RemoteNames.arguments(method, a), CallOptions.defaults());
                return null;
            }
            default -> throw new IllegalStateException(rm.kind().toString());
        }
    }

    private Object convert(Object v, RemoteMethod rm) {
        try {
            Class<?> raw = rm.resultType() instanceof Class<?> c ? c : null;
            return raw == void.class || raw == Void.class ? null : CONVERTER.convert(v, rm.resultType());
        } catch (RuntimeException e) {
            throw new SlackerException("cannot convert the result of " + namespace + "/" + rm.function() + " to "
                + rm.resultType().getTypeName() + ": " + e.getMessage(), e);
        }
    }

    static Throwable unwrap(Throwable t) {
        while (t instanceof java.util.concurrent.CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private Object local(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.isDefault()) {
            return InvocationHandler.invokeDefault(proxy, method, args);
        }
        return switch (method.getName()) {
            case "toString" -> "SlackerProxy[" + iface.getName() + " -> " + namespace + " @ " + client.address() + "]";
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            default -> throw new UnsupportedOperationException(method.toString());
        };
    }

    /** Makes the proxy. */
    static <T> T create(SlackerClient client, Class<T> iface) {
        ProxyHandler h = new ProxyHandler(client, iface);
        return iface.cast(Proxy.newProxyInstance(iface.getClassLoader(), new Class<?>[] {iface}, h));
    }
}
