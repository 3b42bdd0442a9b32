package io.slacker.internal.server;

import io.slacker.Doc;
import io.slacker.RemoteNames;
import io.slacker.spi.NotFoundHandler;
import io.slacker.spi.RemoteFunction;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The exposed namespaces and their functions, by {@code ns/fn}. Immutable once built. */
public final class FunctionRegistry {
    private final Map<String, ExposedFunction> functions;
    private final Map<String, NotFoundHandler> notFoundHandlers;

    private FunctionRegistry(Map<String, ExposedFunction> functions, Map<String, NotFoundHandler> notFoundHandlers) {
        this.functions = functions;
        this.notFoundHandlers = notFoundHandlers;
    }

    /** The function called {@code ns/fn}, or null. */
    public ExposedFunction find(String fullName) {
        return functions.get(fullName);
    }

    /** The not-found handler of a namespace, or null. */
    NotFoundHandler notFoundHandler(String namespace) {
        return notFoundHandlers.get(namespace);
    }

    /** Every function, in exposure order. */
    public Iterable<ExposedFunction> all() {
        return functions.values();
    }

    /** The namespaces, in exposure order. */
    public List<String> namespaces() {
        List<String> out = new ArrayList<>();
        for (ExposedFunction f : functions.values()) {
            if (!out.contains(f.namespace())) {
                out.add(f.namespace());
            }
        }
        for (String ns : notFoundHandlers.keySet()) {
            if (!out.contains(ns)) {
                out.add(ns);
            }
        }
        return out;
    }

    /** Collects exposures. */
    public static final class Builder {
        private final Map<String, ExposedFunction> functions = new LinkedHashMap<>();
        private final Map<String, NotFoundHandler> notFound = new LinkedHashMap<>();

        /** Every method of {@code iface}, implemented by {@code impl}, in the interface's namespace. */
        public <T> Builder expose(Class<T> iface, T impl) {
            return expose(RemoteNames.namespaceOf(iface), iface, impl);
        }

        /** Every method of {@code iface}, implemented by {@code impl}, in {@code namespace}. */
        public <T> Builder expose(String namespace, Class<T> iface, T impl) {
            if (!iface.isInterface()) {
                throw new IllegalArgumentException(iface.getName() + " is not an interface");
            }
            if (!iface.isInstance(impl)) {
                throw new IllegalArgumentException(impl.getClass().getName() + " does not implement " + iface.getName());
            }
            Map<String, List<Method>> byName = new LinkedHashMap<>();
            for (Method m : iface.getMethods()) {
                if (Modifier.isStatic(m.getModifiers()) || m.getDeclaringClass() == Object.class) {
                    continue;
                }
                byName.computeIfAbsent(RemoteNames.functionOf(m), k -> new ArrayList<>()).add(m);
            }
            for (Map.Entry<String, List<Method>> e : byName.entrySet()) {
                checkArities(namespace, e.getKey(), e.getValue());
                String doc = null;
                for (Method m : e.getValue()) {
                    Doc d = m.getAnnotation(Doc.class);
                    if (d != null && doc != null && !doc.equals(d.value())) {
                        throw new IllegalArgumentException(namespace + "/" + e.getKey()
                            + ": overloads carry different @Doc texts; put it on one of them");
                    }
                    if (d != null) {
                        doc = d.value();
                    }
                }
                put(ExposedFunction.methods(namespace, e.getKey(), impl, e.getValue(), doc));
            }
            return this;
        }

        private static void checkArities(String ns, String name, List<Method> methods) {
            for (int i = 0; i < methods.size(); i++) {
                for (int j = i + 1; j < methods.size(); j++) {
                    Method a = methods.get(i);
                    Method b = methods.get(j);
                    if (!a.isVarArgs() && !b.isVarArgs() && a.getParameterCount() == b.getParameterCount()
                        && a.getReturnType() == b.getReturnType()) {
                        throw new IllegalArgumentException(ns + "/" + name + ": two methods with " + a.getParameterCount()
                            + " parameters (" + a + ", " + b + "); remote functions dispatch by arity only");
                    }
                }
            }
        }

        /** Dynamic functions by name. */
        public Builder expose(String namespace, Map<String, ? extends RemoteFunction> fns) {
            fns.forEach((name, fn) -> put(ExposedFunction.dynamic(namespace, name, fn)));
            return this;
        }

        /** The handler of unknown functions in a namespace. */
        public Builder notFoundHandler(String namespace, NotFoundHandler handler) {
            notFound.put(namespace, handler);
            return this;
        }

        private void put(ExposedFunction f) {
            if (f.namespace().isEmpty() || f.name().isEmpty()) {
                throw new IllegalArgumentException("empty namespace or function name: " + f.fullName());
            }
            if (functions.putIfAbsent(f.fullName(), f) != null) {
                throw new IllegalArgumentException("function exposed twice: " + f.fullName());
            }
        }

        /** A builder with the same exposures, to extend without touching this one. */
        public Builder copy() {
            Builder b = new Builder();
            b.functions.putAll(functions);
            b.notFound.putAll(notFound);
            return b;
        }

        /** The registry (later exposures do not change it). */
        public FunctionRegistry build() {
            return new FunctionRegistry(Collections.unmodifiableMap(new LinkedHashMap<>(functions)),
                Collections.unmodifiableMap(new LinkedHashMap<>(notFound)));
        }
    }
}
