package io.slacker.client;

import io.slacker.ContentType;
import io.slacker.data.ClojureList;
import io.slacker.data.Keyword;
import io.slacker.data.Ratio;
import io.slacker.data.Symbol;
import io.slacker.serialization.SerializationException;
import io.slacker.serialization.Serializer;
import io.slacker.serialization.Serializers;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Test-only EDN serializer for content type clj, just enough for the client tests and the golden
 * vectors: nil, booleans, longs, N, M, doubles (##Inf), ratios, strings, chars, keywords, symbols,
 * vectors, lists, maps, sets, #inst, #uuid. Prints like Clojure's printer. Unknown tags fail.
 */
final class MiniEdn implements Serializer {
    static final MiniEdn INSTANCE = new MiniEdn();
    private static final DateTimeFormatter INST = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'-00:00'")
        .withZone(ZoneOffset.UTC);

    static Serializers registry() {
        return Serializers.builder().register(INSTANCE).build();
    }

    @Override
    public ContentType contentType() {
        return ContentType.CLJ;
    }

    @Override
    public byte[] serialize(Object value) {
        StringBuilder sb = new StringBuilder();
        print(value, sb);
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Object deserialize(byte[] data) {
        return read(new String(data, StandardCharsets.UTF_8));
    }

    static String print(Object v) {
        StringBuilder sb = new StringBuilder();
        print(v, sb);
        return sb.toString();
    }

    static Object read(String s) {
        Reader r = new Reader(s);
        try {
            Object v = r.value();
            r.ws();
            if (r.pos != s.length()) {
                throw new SerializationException("trailing input at " + r.pos);
            }
            return v;
        } catch (RuntimeException e) {
            throw e instanceof SerializationException se ? se : new SerializationException("bad EDN: " + e, e);
        }
    }

    private static void print(Object v, StringBuilder sb) {
        if (v == null) {
            sb.append("nil");
        } else if (v instanceof String s) {
            sb.append('"');
            for (char c : s.toCharArray()) {
                switch (c) {
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
                    case '\n' -> sb.append("\\n");
                    case '\t' -> sb.append("\\t");
                    case '\r' -> sb.append("\\r");
                    default -> sb.append(c);
                }
            }
            sb.append('"');
        } else if (v instanceof Double d) {
            sb.append(d.isInfinite() ? (d > 0 ? "##Inf" : "##-Inf") : d.isNaN() ? "##NaN" : d.toString());
        } else if (v instanceof BigInteger b) {
            sb.append(b).append('N');
        } else if (v instanceof BigDecimal b) {
            sb.append(b.toPlainString()).append('M');
        } else if (v instanceof Character c) {
            sb.append('\\').append(c);
        } else if (v instanceof Instant i) {
            sb.append("#inst \"").append(INST.format(i)).append('"');
        } else if (v instanceof UUID u) {
            sb.append("#uuid \"").append(u).append('"');
        } else if (v instanceof Map<?, ?> m) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    sb.append(", ");
                }
                first = false;
                print(e.getKey(), sb);
                sb.append(' ');
                print(e.getValue(), sb);
            }
            sb.append('}');
        } else if (v instanceof Collection<?> c) {
            String open = c instanceof Set ? "#{" : c instanceof ClojureList ? "(" : "[";
            sb.append(open);
            boolean first = true;
            for (Object o : c) {
                if (!first) {
                    sb.append(' ');
                }
                first = false;
                print(o, sb);
            }
            sb.append(c instanceof ClojureList ? ")" : c instanceof Set ? "}" : "]");
        } else {
            // booleans, longs/ints, ratios, keywords, symbols print as their toString
            sb.append(v);
        }
    }

    private static final class Reader {
        final String s;
        int pos;

        Reader(String s) {
            this.s = s;
        }

        void ws() {
            while (pos < s.length() && (Character.isWhitespace(s.charAt(pos)) || s.charAt(pos) == ',')) {
                pos++;
            }
        }

        Object value() {
            ws();
            if (pos >= s.length()) {
                throw new SerializationException("unexpected end of input");
            }
            char c = s.charAt(pos);
            switch (c) {
                case '"':
                    return string();
                case '[':
                    pos++;
                    return seq(']', new ArrayList<>());
                case '(':
                    pos++;
                    return ClojureList.copyOf(seq(')', new ArrayList<>()));
                case '{': {
                    pos++;
                    List<Object> kv = seq('}', new ArrayList<>());
                    Map<Object, Object> m = new LinkedHashMap<>();
                    for (int i = 0; i < kv.size(); i += 2) {
                        m.put(kv.get(i), kv.get(i + 1));
                    }
                    return m;
                }
                case '\\':
                    pos += 2;
                    int cp = s.codePointAt(pos - 1);
                    pos += Character.charCount(cp) - 1;
                    return (char) cp;
                case '#':
                    return dispatch();
                default:
                    return atom();
            }
        }

        Object dispatch() {
            pos++;
            char c = s.charAt(pos);
            if (c == '{') {
                pos++;
                return new LinkedHashSet<>(seq('}', new ArrayList<>()));
            }
            if (c == '#') {
                pos++;
                String t = token();
                return switch (t) {
                    case "Inf" -> Double.POSITIVE_INFINITY;
                    case "-Inf" -> Double.NEGATIVE_INFINITY;
                    default -> Double.NaN;
                };
            }
            String tag = token();
            Object v = value();
            return switch (tag) {
                case "inst" -> OffsetDateTime.parse((String) v).toInstant();
                case "uuid" -> UUID.fromString((String) v);
                default -> throw new SerializationException("no reader for tag " + tag);
            };
        }

        List<Object> seq(char close, List<Object> out) {
            while (true) {
                ws();
                if (pos >= s.length()) {
                    throw new SerializationException("unterminated collection");
                }
                if (s.charAt(pos) == close) {
                    pos++;
                    return out;
                }
                out.add(value());
            }
        }

        String string() {
            StringBuilder sb = new StringBuilder();
            pos++;
            while (true) {
                char c = s.charAt(pos++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c == '\\') {
                    char e = s.charAt(pos++);
                    sb.append(switch (e) {
                        case 'n' -> '\n';
                        case 't' -> '\t';
                        case 'r' -> '\r';
                        case 'b' -> '\b';
                        case 'f' -> '\f';
                        default -> e;
                    });
                } else {
                    sb.append(c);
                }
            }
        }

        String token() {
            int start = pos;
            while (pos < s.length() && !Character.isWhitespace(s.charAt(pos)) && ",()[]{}\"".indexOf(s.charAt(pos)) < 0) {
                pos++;
            }
            return s.substring(start, pos);
        }

        Object atom() {
            String t = token();
            if (t.isEmpty()) {
                throw new SerializationException("unexpected '" + s.charAt(pos) + "' at " + pos);
            }
            switch (t) {
                case "nil":
                    return null;
                case "true":
                    return Boolean.TRUE;
                case "false":
                    return Boolean.FALSE;
                default:
                    break;
            }
            char c = t.charAt(0);
            if (c == ':') {
                return Keyword.of(t.substring(1));
            }
            if (Character.isDigit(c) || ((c == '-' || c == '+') && t.length() > 1 && Character.isDigit(t.charAt(1)))) {
                return number(t);
            }
            return Symbol.of(t);
        }

        static Object number(String t) {
            if (t.endsWith("N")) {
                return new BigInteger(t.substring(0, t.length() - 1));
            }
            if (t.endsWith("M")) {
                return new BigDecimal(t.substring(0, t.length() - 1));
            }
            int slash = t.indexOf('/');
            if (slash > 0) {
                return Ratio.of(new BigInteger(t.substring(0, slash)), new BigInteger(t.substring(slash + 1)));
            }
            if (t.contains(".") || t.contains("e") || t.contains("E")) {
                return Double.parseDouble(t);
            }
            try {
                return Long.parseLong(t);
            } catch (NumberFormatException e) {
                return new BigInteger(t);
            }
        }
    }
}
