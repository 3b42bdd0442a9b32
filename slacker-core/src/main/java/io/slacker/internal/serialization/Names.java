package io.slacker.internal.serialization;

/** Java identifier names to Clojure style names and back. */
final class Names {
    private Names() {
    }

    /**
     * The kebab-case form of a camelCase Java name: {@code createdAt} -> {@code created-at},
     * {@code httpURLValue} -> {@code http-url-value}, {@code value2} -> {@code value2}.
     */
    static String kebab(String name) {
        StringBuilder sb = null;
        int n = name.length();
        for (int i = 0; i < n; i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c)) {
                if (sb == null) {
                    sb = new StringBuilder(n + 4).append(name, 0, i);
                }
                boolean prevLowerOrDigit = i > 0 && (Character.isLowerCase(name.charAt(i - 1)) || Character.isDigit(name.charAt(i - 1)));
                boolean acronymEnd = i > 0 && Character.isUpperCase(name.charAt(i - 1))
                        && i + 1 < n && Character.isLowerCase(name.charAt(i + 1));
                if (prevLowerOrDigit || acronymEnd) {
                    sb.append('-');
                }
                sb.append(Character.toLowerCase(c));
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? name : sb.toString();
    }

    /** The keyword name of an enum constant: {@code BIG_RED} -> {@code big-red}. */
    static String enumKeyword(String constant) {
        return constant.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
