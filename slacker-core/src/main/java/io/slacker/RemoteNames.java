package io.slacker;

import java.lang.reflect.Method;

/** How Java interfaces and methods map to slacker namespaces, function names and argument vectors. */
public final class RemoteNames {
    private RemoteNames() {
    }

    /** The namespace of an interface: its {@link Namespace} value, or its fully qualified name. */
    public static String namespaceOf(Class<?> iface) {
        Namespace ns = iface.getAnnotation(Namespace.class);
        return ns != null ? ns.value() : iface.getName();
    }

    /** The remote name of a method: its {@link Function} value, or the kebab-case of its name. */
    public static String functionOf(Method method) {
        Function f = method.getAnnotation(Function.class);
        return f != null ? f.value() : kebab(method.getName());
    }

    /**
     * The argument vector a proxy sends for a call of {@code method}: the arguments in order,
     * with a varargs array spread into its elements (as the server spreads them back).
     */
    public static java.util.List<Object> arguments(Method method, Object[] args) {
        if (args == null || args.length == 0) {
            return java.util.List.of();
        }
        java.util.List<Object> out = new java.util.ArrayList<>(args.length + 4);
        int fixed = method.isVarArgs() ? args.length - 1 : args.length;
        for (int i = 0; i < fixed; i++) {
            out.add(args[i]);
        }
        if (method.isVarArgs() && args[fixed] != null) {
            Object rest = args[fixed];
            for (int i = 0, n = java.lang.reflect.Array.getLength(rest); i < n; i++) {
                out.add(java.lang.reflect.Array.get(rest, i));
            }
        }
        return out;
    }

    /** {@code randInts} -> {@code rand-ints}, {@code getHTTPCode} -> {@code get-http-code}. */
    public static String kebab(String camel) {
        StringBuilder sb = new StringBuilder(camel.length() + 4);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c)) {
                boolean prevLower = i > 0 && !Character.isUpperCase(camel.charAt(i - 1)) && camel.charAt(i - 1) != '-';
                boolean nextLower = i + 1 < camel.length() && Character.isLowerCase(camel.charAt(i + 1));
                boolean prevUpper = i > 0 && Character.isUpperCase(camel.charAt(i - 1));
                if (i > 0 && (prevLower || (prevUpper && nextLower))) {
                    sb.append('-');
                }
                sb.append(Character.toLowerCase(c));
            } else if (c == '_') {
                sb.append('-');
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
