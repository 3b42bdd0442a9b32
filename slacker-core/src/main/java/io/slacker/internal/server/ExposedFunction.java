package io.slacker.internal.server;

import io.slacker.data.ClojureList;
import io.slacker.data.Keyword;
import io.slacker.data.Symbol;
import io.slacker.internal.serialization.TypeConverter;
import io.slacker.spi.RemoteFunction;
import java.lang.reflect.Array;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One remote function: a name and the Java methods (overloads by arity) or the dynamic
 * {@link RemoteFunction} behind it, with its metadata for inspect.
 */
public final class ExposedFunction {
    private static final TypeConverter CONVERTER = TypeConverter.standard();
    private final String namespace;
    private final String name;
    private final List<Overload> overloads;
    private final RemoteFunction dynamic;
    private final String doc;

    private ExposedFunction(String namespace, String name, List<Overload> overloads, RemoteFunction dynamic, String doc) {
        this.namespace = namespace;
        this.name = name;
        this.overloads = overloads;
        this.dynamic = dynamic;
        this.doc = doc;
    }

    static ExposedFunction dynamic(String namespace, String name, RemoteFunction fn) {
        return new ExposedFunction(namespace, name, List.of(), fn, null);
    }

    static ExposedFunction methods(String namespace, String name, Object target, List<Method> methods, String doc) {
        List<Overload> list = new ArrayList<>();
        for (Method m : methods) {
            m.setAccessible(true);
            list.add(new Overload(target, m));
        }
        // fixed arities first, fewer parameters first: dispatch tries them in this order
        // (and, for one arity, a fixed order: sync before async variants, then by signature)
        list.sort(Comparator.comparing((Overload o) -> o.varargs).thenComparingInt(o -> o.params.length)
            .thenComparing(o -> java.util.concurrent.CompletionStage.class.isAssignableFrom(o.method.getReturnType()))
            .thenComparing(o -> o.method.toGenericString()));
        return new ExposedFunction(namespace, name, List.copyOf(list), null, doc);
    }

    String namespace() {
        return namespace;
    }

    String name() {
        return name;
    }

    public String fullName() {
        return namespace + "/" + name;
    }

    /** Inspect metadata: {@code {:name f, :doc "...", :arglists ([x] [x y])}}, or {} for dynamic ones. */
    public Map<Keyword, Object> meta() {
        Map<Keyword, Object> meta = new LinkedHashMap<>();
        if (dynamic != null) {
            return meta;
        }
        meta.put(Keyword.of("name"), Symbol.of(name));
        if (doc != null) {
            meta.put(Keyword.of("doc"), doc);
        }
        List<Object> arglists = new ArrayList<>();
        for (Overload o : overloads) {
            List<Object> args = new ArrayList<>();
            Parameter[] ps = o.method.getParameters();
            for (int i = 0; i < ps.length; i++) {
                if (o.varargs && i == ps.length - 1) {
                    args.add(Symbol.of("&"));
                }
                args.add(Symbol.of(io.slacker.RemoteNames.kebab(ps[i].getName())));
            }
            arglists.add(args);
        }
        meta.put(Keyword.of("arglists"), ClojureList.copyOf(arglists));
        return meta;
    }

    /**
     * Calls the function with decoded arguments.
     *
     * @throws ArgumentException when no overload takes these arguments
     * @throws Exception         what the function threw
     */
    Object invoke(List<Object> args) throws Exception {
        if (dynamic != null) {
            return dynamic.invoke(args);
        }
        ArgumentException last = null;
        for (Overload o : overloads) {
            if (!o.accepts(args.size())) {
                continue;
            }
            Object[] converted;
            try {
                converted = o.convert(args);
            } catch (RuntimeException e) {
                last = new ArgumentException(fullName() + ": cannot convert arguments for " + o.signature() + ": "
                    + e.getMessage(), e);
                continue;
            }
            try {
                return o.method.invoke(o.target, converted);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                if (cause instanceof Exception ex) {
                    throw ex;
                }
                throw (Error) cause;
            }
        }
        if (last != null) {
            throw last;
        }
        throw new ArgumentException("Wrong number of args (" + args.size() + ") passed to: " + fullName()
            + "; it takes " + arities());
    }

    private String arities() {
        List<String> a = new ArrayList<>();
        for (Overload o : overloads) {
            a.add(o.varargs ? (o.params.length - 1) + " or more" : String.valueOf(o.params.length));
        }
        return String.join(", ", a);
    }

    /** No overload takes the given arguments. */
    static final class ArgumentException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        ArgumentException(String message) {
            super(message);
        }

        ArgumentException(String message, Throwable cause) {
            super(message, cause);
        }

        /** Reads as the IllegalArgumentException it is; this text is what the caller sees. */
        @Override
        public String toString() {
            return "java.lang.IllegalArgumentException: " + getMessage();
        }
    }

    private static final class Overload {
        final Object target;
        final Method method;
        final Type[] params;
        final boolean varargs;

        Overload(Object target, Method method) {
            this.target = target;
            this.method = method;
            this.params = method.getGenericParameterTypes();
            this.varargs = method.isVarArgs();
        }

        boolean accepts(int n) {
            return varargs ? n >= params.length - 1 : n == params.length;
        }

        String signature() {
            return method.getName() + "(" + params.length + (varargs ? "+" : "") + " args)";
        }

        Object[] convert(List<Object> args) {
            Object[] out = new Object[params.length];
            int fixed = varargs ? params.length - 1 : params.length;
            for (int i = 0; i < fixed; i++) {
                out[i] = CONVERTER.convert(args.get(i), params[i]);
            }
            if (varargs) {
                Type arrayType = params[params.length - 1];
                Type component = arrayType instanceof GenericArrayType g ? g.getGenericComponentType()
                    : ((Class<?>) arrayType).getComponentType();
                Class<?> raw = method.getParameterTypes()[params.length - 1].getComponentType();
                Object rest = Array.newInstance(raw, args.size() - fixed);
                for (int i = fixed; i < args.size(); i++) {
                    Array.set(rest, i - fixed, CONVERTER.convert(args.get(i), component));
                }
                out[params.length - 1] = rest;
            }
            return out;
        }
    }
}
