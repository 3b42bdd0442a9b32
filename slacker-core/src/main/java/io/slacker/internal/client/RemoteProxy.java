package io.slacker.internal.client;

import io.slacker.CallOptions;
import io.slacker.Callback;
import io.slacker.FireAndForget;
import io.slacker.RemoteNames;
import io.slacker.SlackerCaller;
import io.slacker.SlackerException;
import io.slacker.internal.serialization.TypeConverter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proxy of every {@link SlackerCaller}: each abstract method of an interface is a remote
 * function, classified once — sync (waits, result converted to the generic return type), async
 * ({@code CompletableFuture}/{@code CompletionStage} return), callback (a last {@link Callback}
 * parameter), or {@link FireAndForget} — with its call options fixed once per method. Default
 * methods and {@code toString}/{@code equals}/{@code hashCode} run locally.
 */
public final class RemoteProxy implements InvocationHandler {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteProxy.class);
    private static final TypeConverter CONVERTER = TypeConverter.standard();

    /** How a method is called. */
    private enum Kind {
        /** Waits for the result. */
        SYNC,
        /** Returns a future at once. */
        ASYNC,
        /** Returns at once; a last {@link Callback} parameter gets the outcome. */
        CALLBACK,
        /** Sends and forgets. */
        FIRE_AND_FORGET
    }

    /**
     * One remote method, classified.
     *
     * @param method     the interface method
     * @param kind       how it is called
     * @param function   the remote function name
     * @param resultType the type the result converts to
     */
    private record RemoteMethod(Method method, Kind kind, String function, Type resultType, CallOptions options) {
    }

    private final SlackerCaller caller;
    private final Class<?> iface;
    private final String namespace;
    private final Map<Method, RemoteMethod> methods = new HashMap<>();

    /**
     * Classifies every remote method of {@code iface}.
     *
     * @throws IllegalArgumentException when it is not an interface or a method has a signature no
     *                                  call style fits
     */
    private RemoteProxy(SlackerCaller caller, Class<?> iface, Function<Method, CallOptions> options) {
        if (!iface.isInterface()) {
            throw new IllegalArgumentException(iface.getName() + " is not an interface");
        }
        this.caller = caller;
        this.iface = iface;
        this.namespace = RemoteNames.namespaceOf(iface);
        for (Method m : iface.getMethods()) {
            if (!m.isDefault() && !Modifier.isStatic(m.getModifiers()) && !isObjectMethod(m)) {
                methods.put(m, classify(m, Objects.requireNonNullElse(options.apply(m), CallOptions.defaults())));
            }
        }
    }

    /**
     * A proxy of {@code iface} whose calls go through {@code caller}.
     *
     * @param options the call options of each method (e.g. the caller's defaults refined by the method's annotations)
     * @throws IllegalArgumentException when it is not an interface or a method has a signature no
     *                                  call style fits
     */
    public static <T> T create(SlackerCaller caller, Class<T> iface, Function<Method, CallOptions> options) {
        RemoteProxy handler = new RemoteProxy(caller, iface, options);
        return iface.cast(Proxy.newProxyInstance(iface.getClassLoader(), new Class<?>[] {iface}, handler));
    }

    private CompletableFuture<Object> send(RemoteMethod rm, List<Object> args) {
        try {
            return caller.callAsync(namespace, rm.function(), args, rm.options());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
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
            case SYNC -> {
                return convert(Blocking.await(send(rm, a)), rm);
            }
            case ASYNC -> {
                CompletableFuture<Object> out = new CompletableFuture<>();
                send(rm, a).whenComplete((v, err) -> {
                    if (err != null) {
                        out.completeExceptionally(Blocking.unwrap(err));
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
                Callback cb = (Callback) a.get(a.size() - 1);
                send(rm, a.subList(0, a.size() - 1)).whenComplete((v, err) -> {
                    Object result = null;
                    Throwable error = err == null ? null : Blocking.unwrap(err);
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
                caller.fireAndForget(namespace, rm.function(), a, rm.options());
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

    private static RemoteMethod classify(Method m, CallOptions o) {
        String fn = RemoteNames.functionOf(m);
        Class<?> ret = m.getReturnType();
        Type[] params = m.getGenericParameterTypes();
        if (m.isAnnotationPresent(FireAndForget.class)) {
            if (ret != void.class) {
                throw new IllegalArgumentException("@FireAndForget method must return void: " + m);
            }
            return new RemoteMethod(m, Kind.FIRE_AND_FORGET, fn, void.class, o);
        }
        if (ret == CompletableFuture.class || ret == CompletionStage.class) {
            return new RemoteMethod(m, Kind.ASYNC, fn, typeArgument(m.getGenericReturnType()), o);
        }
        if (params.length > 0 && m.getParameterTypes()[params.length - 1] == Callback.class) {
            if (ret != void.class) {
                throw new IllegalArgumentException("a method with a Callback parameter must return void: " + m);
            }
            if (m.isVarArgs()) {
                throw new IllegalArgumentException("a callback method cannot be varargs: " + m);
            }
            return new RemoteMethod(m, Kind.CALLBACK, fn, typeArgument(params[params.length - 1]), o);
        }
        return new RemoteMethod(m, Kind.SYNC, fn, m.getGenericReturnType(), o);
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

    private Object local(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.isDefault()) {
            return InvocationHandler.invokeDefault(proxy, method, args);
        }
        return switch (method.getName()) {
            case "toString" -> "SlackerProxy[" + iface.getName() + " -> " + namespace + " @ " + caller + "]";
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            default -> throw new UnsupportedOperationException(method.toString());
        };
    }
}
