package io.slacker.gateway.internal;

import io.slacker.ContentType;
import io.slacker.spi.Serializer;
import io.slacker.spi.Serializers;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON bodies, written by the core JSON serializer (so Clojure data such as keywords renders too). */
final class Json {
    static final String TYPE = "application/json";
    private static final Serializer JSON = Serializers.defaults().get(ContentType.JSON);

    private Json() {
    }

    static byte[] bytes(Object value) {
        return JSON.serialize(value);
    }

    /** {@code {"error": code, "message": message, "data": data}}. */
    static byte[] error(String code, String message, Object data) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", code);
        m.put("message", message);
        m.put("data", data);
        try {
            return JSON.serialize(m);
        } catch (RuntimeException e) {
            m.put("data", String.valueOf(data));
            return JSON.serialize(m);
        }
    }
}
