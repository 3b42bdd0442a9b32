package io.slacker.internal.serialization.nippy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.slacker.ContentType;
import io.slacker.spi.SerializationException;
import io.slacker.testkit.VectorCheck;
import io.slacker.testkit.WireVectors;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every nippy payload captured from the Clojure slacker: decodes to the recorded value, re-encodes byte-exact. */
class NippyWireVectorTest {
    private static final NippySerializer NIPPY = new NippySerializer();
    private static final HexFormat HEX = HexFormat.of();

    /**
     * Payloads whose Clojure bytes we cannot (and should not) reproduce, by scenario and direction:
     * echo-list carries reader metadata ({:line 32 :column 13}, id 25) which the data model drops;
     * rand-ints-3's response is a seq (id 38) of java.lang.Integer (id 42): we decode both to the
     * data model (ClojureList of Long) and write a list of longs.
     */
    private static final Map<String, String> NOT_BYTE_EXACT = Map.of(
            "echo-list c2s", "reader metadata on the list literal",
            "echo-list s2c", "reader metadata on the list literal",
            "rand-ints-3 s2c", "seq of Integers; we write a list of Longs");

    /** Payloads that must be refused, with the reason. */
    private static final Map<String, String> REFUSED = Map.of(
            // :stacktrace is a StackTraceElement[] frozen with Java serialization (id 75): never thawed here;
            // deserialized.edn shows nippy's {:nippy/unthawable ...} placeholder with an unreadable #object
            "debug-make-error-nippy s2c", "unsupported nippy type id 75");

    @Test
    void callsNippy() {
        Counts c = check("calls-nippy.jsonl");
        assertThat(c.decoded).isEqualTo(90);
        assertThat(c.byteExact).isEqualTo(90 - 3);
        assertThat(c.refused).isZero();
    }

    @Test
    void errorsNippy() {
        Counts c = check("errors.jsonl");
        assertThat(c.decoded).isEqualTo(7);
        assertThat(c.byteExact).isEqualTo(7);
        assertThat(c.refused).isEqualTo(1);
    }

    @Test
    void httpNippySuffixWithEdnBody() {
        // curl posted the EDN text "[5]" to .nippy: 0x5b is nippy's UUID id, 16 bytes are missing
        List<WireVectors.Vector> vs = WireVectors.load("http.jsonl").stream()
                .filter(v -> v.scenario().equals("nippy-suffix-with-edn-body") && v.direction().equals("c2s"))
                .toList();
        assertThat(vs).hasSize(1);
        byte[] body = HEX.parseHex(vs.get(0).decoded().path("body_hex").asText());
        assertThat(body).containsExactly('[', '5', ']');
        assertThatThrownBy(() -> NIPPY.deserialize(body)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void examplesFromTheReadme() {
        assertThat(NIPPY.serialize(List.of(42L))).containsExactly(0x6e, 0x01, 0x64, 0x2a);
        assertThat(NIPPY.serialize(42L)).containsExactly(0x64, 0x2a);
        assertThat(NIPPY.serialize(null)).containsExactly(0x03);
        assertThat(NIPPY.contentType()).isEqualTo(ContentType.NIPPY);
    }

    private static final class Counts {
        int decoded;
        int byteExact;
        int refused;
    }

    private Counts check(String file) {
        Counts c = new Counts();
        List<String> failures = new ArrayList<>();
        for (WireVectors.Vector v : WireVectors.load(file)) {
            JsonNode d = v.decoded();
            if (d.path("content_type").path("code").asInt(-1) != ContentType.NIPPY.code()) {
                continue;
            }
            List<JsonNode> blocks = new ArrayList<>();
            if (d.has("payload")) {
                blocks.add(d.get("payload"));
            }
            d.path("extensions").forEach(e -> blocks.add(e.has("value") ? e.get("value") : e));
            for (JsonNode block : blocks) {
                String key = v.scenario() + " " + v.direction();
                byte[] bytes = HEX.parseHex(block.path("hex").asText());
                if (REFUSED.containsKey(key)) {
                    try {
                        NIPPY.deserialize(bytes);
                        failures.add(v + ": decoded, but must be refused");
                    } catch (SerializationException e) {
                        if (!e.getMessage().contains(REFUSED.get(key))) {
                            failures.add(v + ": wrong refusal: " + e.getMessage());
                        }
                        c.refused++;
                    }
                    continue;
                }
                String edn = block.path("deserialized").path("edn").asText(null);
                assertThat(edn).as("%s has deserialized.edn", v).isNotNull();
                VectorCheck.Outcome o = VectorCheck.check(NIPPY, v, bytes, edn, !NOT_BYTE_EXACT.containsKey(key), failures);
                if (o != VectorCheck.Outcome.FAILED) {
                    c.decoded++;
                }
                if (o == VectorCheck.Outcome.BYTE_EXACT) {
                    c.byteExact++;
                }
            }
        }
        assertThat(failures).isEmpty();
        return c;
    }

    @Test
    void setsAndMapsKeepWireOrder() {
        byte[] set = HEX.parseHex("6f03640164036402"); // #{1 3 2} as Clojure hash-ordered it
        assertThat(new ArrayList<Object>((Set<?>) NIPPY.deserialize(set))).containsExactly(1L, 3L, 2L);
        assertThat(NIPPY.serialize(NIPPY.deserialize(set))).isEqualTo(set);
    }
}
