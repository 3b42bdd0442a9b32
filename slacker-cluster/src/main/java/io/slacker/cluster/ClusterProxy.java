package io.slacker.cluster;

import io.slacker.CallOptions;
import io.slacker.Callback;
import io.slacker.FireAndForget;
import io.slacker.RemoteNames;
import io.slacker.SlackerException;
import io.slacker.serialization.TypeConverter;
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

/** The invocation handler behind {@link ClusterClient#proxy}: each abstract method is a cluster call. */
final class ClusterProxy implements InvocationHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterProxy.class);
    private static final TypeConverter CONVERTER = TypeConverter.standard();

    private enum Kind { SYNC, ASYNC, CALLBACK, FIRE_AND_FORGET }

    private record RemoteMethod(Kind kind, String function, Type resultType, GroupingPolicy policy) {
    }

    private final ClusterClient client;
    private final Class<?> iface;
    private final String namespace;
    private final Map<Method, RemoteMethod> methods = new HashMap<>();

    private ClusterProxy(ClusterClient client, Class<?> iface, GroupingPolicy defaults) {
        this.client = client;
        this.iface = iface;
        this.namespace = RemoteNames.namespaceOf(iface);
        for (Method m : iface.getMethods()) {
            if (!m.isDefault() && !Modifier.isStatic(m.getModifiers()) && !isObjectMethod(m)) {
                methods.put(m, classify(m, GroupingPolicy.forMethod(defaults, m)));
            }
        }
    }

    static <T> T create(ClusterClient client, Class<T> iface, GroupingPolicy defaults) {
        if (!iface.isInterface()) {
            throw new IllegalArgumentException(iface.getName() + " is not an interface");
        }
        return iface.cast(Proxy.newProxyInstance(iface.getClassLoader(), new Class<?>[] {iface},
            new ClusterProxy(client, iface, defaults)));
    }

    private static RemoteMethod classify(Method m, GroupingPolicy policy) {
        String fn = RemoteNames.functionOf(m);
        Class<?> ret = m.getReturnType();
        Class<?>[] params = m.getParameterTypes();
        if (m.isAnnotationPresent(FireAndForget.class)) {
            if (ret != void.class) {
                throw new IllegalArgumentException("@FireAndForget method must return void: " + m);
            }
            return new RemoteMethod(Kind.FIRE_AND_FORGET, fn, void.class, policy);
        }
        if (ret == CompletableFuture.class || ret == CompletionStage.class) {
            return new RemoteMethod(Kind.ASYNC, fn, typeArgument(m.getGenericReturnType()), policy);
        }
        if (params.length > 0 && params[params.length - 1] == Callback.class) {
            if (ret != void.class) {
                throw new IllegalArgumentException("a method with a Callback parameter must return void: " + m);
            }
            Type[] g = m.getGenericParameterTypes();
            return new RemoteMethod(Kind.CALLBACK, fn, typeArgument(g[g.length - 1]), policy);
        }
        return new RemoteMethod(Kind.SYNC, fn, m.getGenericReturnType(), policy);
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
        List<Object> a = RemoteNames.arguments(method, args);
        switch (rm.kind()) {
            case SYNC:
                return convert(ClusterClient.await(call(rm, a)), rm);
            case ASYNC: {
                CompletableFuture<Object> out = new CompletableFuture<>();
                call(rm, a).whenComplete((v, err) -> {
                    if (err != null) {
                        out.completeExceptionally(ClusterClient.unwrap(err));
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
            case CALLBACK: {
                Callback cb = (Callback) a.get(a.size() - 1);
                call(rm, a.subList(0, a.size() - 1)).whenComplete((v, err) -> {
                    Object result = null;
                    Throwable error = err == null ? null : ClusterClient.unwrap(err);
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
            case FIRE_AND_FORGET:
                call(rm, a); // the answer is dropped
                return null;
            default:
                throw new IllegalStateException(rm.kind().toString());
        }
    }

    private CompletableFuture<Object> call(RemoteMethod rm, List<Object> args) {
        return client.callAsync(namespace, rm.function(), args, CallOptions.defaults(), rm.policy());
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

    private Object local(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.isDefault()) {
            return InvocationHandler.invokeDefault(proxy, method, args);
        }
        return switch (method.getName()) {
            case "toString" -> "ClusterProxy[" + iface.getName() + " -> " + namespace + "]";
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            default -> throw new UnsupportedOperationException(method.toString());
        };
    }
}
