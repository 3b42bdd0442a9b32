package io.slacker.client;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proxy logic shared by every slacker client: each abstract method of an interface is a
 * remote function, classified once — sync (waits, result converted to the generic return type),
 * async ({@code CompletableFuture}/{@code CompletionStage} return), callback (a last
 * {@link Callback} parameter), or {@link FireAndForget}. Subclasses say how a call is sent.
 * Default methods and {@code toString}/{@code equals}/{@code hashCode} run locally.
 */
public abstract class RemoteInterfaceHandler implements InvocationHandler {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteInterfaceHandler.class);
    private static final TypeConverter CONVERTER = TypeConverter.standard();

    /** How a method is called. */
    public enum Kind {
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
    public record RemoteMethod(Method method, Kind kind, String function, Type resultType) {
    }

    private final Class<?> iface;
    private final String namespace;
    private final Map<Method, RemoteMethod> methods = new HashMap<>();

    /**
     * Classifies every remote method of {@code iface}.
     *
     * @throws IllegalArgumentException when it is not an interface or a method has a signature no
     *                                  call style fits
     */
    protected RemoteInterfaceHandler(Class<?> iface) {
        if (!iface.isInterface()) {
            throw new IllegalArgumentException(iface.getName() + " is not an interface");
        }
        this.iface = iface;
        this.namespace = RemoteNames.namespaceOf(iface);
        for (Method m : iface.getMethods()) {
            if (!m.isDefault() && !Modifier.isStatic(m.getModifiers()) && !isObjectMethod(m)) {
                methods.put(m, classify(m));
            }
        }
    }

    /** The proxy of {@code iface} backed by this handler. */
    public final <T> T newProxy(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, this));
    }

    /** The namespace the interface calls. */
    protected final String namespace() {
        return namespace;
    }

    /** Sends one call; the future completes with the decoded result or a slacker exception. */
    protected abstract CompletableFuture<Object> send(RemoteMethod method, List<Object> args);

    /** Sends a call whose answer nobody waits for (default: {@link #send}, answer dropped). */
    protected void sendAndForget(RemoteMethod method, List<Object> args) {
        send(method, args);
    }

    /** Waits for a sync call's result, throwing its slacker exception unwrapped. */
    protected abstract Object await(CompletableFuture<Object> call);

    /** What {@code toString} of the proxy says. */
    protected abstract String describe();

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public final Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        RemoteMethod rm = methods.get(method);
        if (rm == null) {
            return local(proxy, method, args);
        }
        List<Object> a = RemoteNames.arguments(method, args);
        switch (rm.kind()) {
            case SYNC -> {
                return convert(await(send(rm, a)), rm);
            }
            case ASYNC -> {
                CompletableFuture<Object> out = new CompletableFuture<>();
                send(rm, a).whenComplete((v, err) -> {
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
                Callback cb = (Callback) a.get(a.size() - 1);
                send(rm, a.subList(0, a.size() - 1)).whenComplete((v, err) -> {
                    Object result = null;
                    Throwable error = err == null ? null : unwrap(err);
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
                sendAndForget(rm, a);
                return null;
            }
            default -> throw new IllegalStateException(rm.kind().toString());
        }
    }

    /** A {@link CompletionException} (or nested ones) unwrapped to its cause. */
    public static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while (c instanceof CompletionException && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
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

    private static RemoteMethod classify(Method m) {
        String fn = RemoteNames.functionOf(m);
        Class<?> ret = m.getReturnType();
        Type[] params = m.getGenericParameterTypes();
        if (m.isAnnotationPresent(FireAndForget.class)) {
            if (ret != void.class) {
                throw new IllegalArgumentException("@FireAndForget method must return void: " + m);
            }
            return new RemoteMethod(m, Kind.FIRE_AND_FORGET, fn, void.class);
        }
        if (ret == CompletableFuture.class || ret == CompletionStage.class) {
            return new RemoteMethod(m, Kind.ASYNC, fn, typeArgument(m.getGenericReturnType()));
        }
        if (params.length > 0 && m.getParameterTypes()[params.length - 1] == Callback.class) {
            if (ret != void.class) {
                throw new IllegalArgumentException("a method with a Callback parameter must return void: " + m);
            }
            if (m.isVarArgs()) {
                throw new IllegalArgumentException("a callback method cannot be varargs: " + m);
            }
            return new RemoteMethod(m, Kind.CALLBACK, fn, typeArgument(params[params.length - 1]));
        }
        return new RemoteMethod(m, Kind.SYNC, fn, m.getGenericReturnType());
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
            case "toString" -> describe();
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            default -> throw new UnsupportedOperationException(method.toString());
        };
    }

    /** The interface proxied. */
    protected final Class<?> iface() {
        return iface;
    }
}
