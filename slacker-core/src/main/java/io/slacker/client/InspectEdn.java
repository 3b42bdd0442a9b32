package io.slacker.client;

import java.nio.charset.StandardCharsets;

/** The EDN of an inspect argument: a string or nil (inspect arguments are always EDN). */
final class InspectEdn {
    private InspectEdn() {
    }

    /** {@code nil}, or the string quoted with {@code "} and {@code \} escaped (and control characters as Clojure prints them). */
    static byte[] of(String s) {
        if (s == null) {
            return "nil".getBytes(StandardCharsets.UTF_8);
        }
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                case '\f' -> sb.append("\\f");
                case '\b' -> sb.append("\\b");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString().getBytes(StandardCharsets.UTF_8);
    }
}
