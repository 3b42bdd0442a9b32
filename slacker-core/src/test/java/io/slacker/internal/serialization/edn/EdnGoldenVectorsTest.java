package io.slacker.internal.serialization.edn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.slacker.spi.SerializationException;
import io.slacker.testkit.ClojureOracle;
import io.slacker.testkit.DataEquality;
import io.slacker.testkit.WireVectors;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every EDN byte block captured from the Clojure slacker (request/response payloads and extension
 * values with content type clj, inspect payloads, HTTP .clj bodies) and every
 * {@code clojure_value}: our reader must agree with Clojure's, and our printer must give back the
 * captured bytes.
 *
 * <p>Sets with more than one element and maps with more than 8 entries print in Clojure's hash
 * order. Reading keeps the order of the text, so printing what we read reproduces the bytes for
 * those too; printing the value bridged from Clojure's reader is compared by value instead.
 */
class EdnGoldenVectorsTest {
    private final EdnReader reader = EdnReader.standard();
    private final EdnPrinter printer = EdnPrinter.standard();

    private int blocks;
    private int extensionBlocks;
    private int inspectBlocks;
    private int rejectedLikeClojure;
    private int exactFromOurs;
    private int exactFromOracle;
    private int byValueFromOracle;
    private int ednFieldExact;

    @Test
    void payloadsAndExtensionsMatchClojure() {
        for (String file : WireVectors.files()) {
            for (WireVectors.Vector v : WireVectors.load(file)) {
                JsonNode d = v.decoded();
                int type = d.path("type").path("code").asInt(-1);
                boolean inspect = type == 7 || type == 8;
                JsonNode payload = d.get("payload");
                if (payload != null && payload.has("deserialized")
                        && ("clj".equals(payload.path("deserialized").path("as").asText()) || inspect)) {
                    checkBlock(payload, v + " payload");
                    if (inspect) {
                        inspectBlocks++;
                    }
                }
                for (JsonNode ext : d.path("extensions")) {
                    if ("clj".equals(ext.path("deserialized").path("as").asText())) {
                        checkBlock(ext, v + " extension " + ext.path("id").asInt());
                        extensionBlocks++;
                    }
                }
            }
        }
        System.out.printf("golden EDN blocks: %d (extensions %d, inspect %d), rejected like Clojure %d, "
                        + "printed exactly from our read %d, from Clojure's read %d, by value (hash order) %d, "
                        + "deserialized.edn exact %d%n", blocks, extensionBlocks, inspectBlocks, rejectedLikeClojure,
                exactFromOurs, exactFromOracle, byValueFromOracle, ednFieldExact);
        assertThat(blocks).isGreaterThanOrEqualTo(180);
        assertThat(extensionBlocks).isGreaterThanOrEqualTo(10);
        assertThat(inspectBlocks).isGreaterThanOrEqualTo(15);
        assertThat(rejectedLikeClojure).isGreaterThanOrEqualTo(2);
        assertThat(exactFromOurs).isEqualTo(blocks - rejectedLikeClojure);
        assertThat(exactFromOracle + byValueFromOracle).isEqualTo(blocks - rejectedLikeClojure);
        assertThat(byValueFromOracle).isGreaterThanOrEqualTo(1);
        assertThat(ednFieldExact).isGreaterThanOrEqualTo(170);
    }

    private void checkBlock(JsonNode block, String where) {
        blocks++;
        byte[] bytes = HexFormat.of().parseHex(block.path("hex").asText());
        String text = new String(bytes, StandardCharsets.UTF_8);
        JsonNode des = block.path("deserialized");
        Object oracle;
        try {
            oracle = ClojureOracle.readString(text);
        } catch (RuntimeException e) {
            assertThat(des.has("error")).as(where + ": Clojure 1.11 read it, 1.12 does not").isTrue();
            assertThatThrownBy(() -> reader.read(bytes)).as(where).isInstanceOf(SerializationException.class);
            rejectedLikeClojure++;
            return;
        }
        assertThat(des.has("error")).as(where + ": recorded as an error").isFalse();
        Object expected = ClojureOracle.toData(oracle);
        Object ours = reader.read(bytes);
        assertThat(DataEquality.diff(expected, ours)).as(where).isNull();

        assertThat(printer.print(ours)).as(where + " printed from our read").isEqualTo(text);
        exactFromOurs++;
        if (hashOrdered(expected)) {
            Object back = reader.read(printer.print(expected));
            assertThat(DataEquality.diff(expected, back)).as(where + " by value").isNull();
            byValueFromOracle++;
        } else {
            assertThat(printer.print(expected)).as(where + " printed from Clojure's read").isEqualTo(text);
            exactFromOracle++;
        }
        JsonNode edn = des.get("edn");
        if (edn != null && !edn.isNull() && !hashOrdered(expected)) {
            assertThat(printer.print(expected)).as(where + " deserialized.edn").isEqualTo(edn.asText());
            ednFieldExact++;
        }
    }

    @Test
    void clojureValuesAndHttpBodiesMatchClojure() {
        int values = 0;
        int valuesRejected = 0;
        int valuesExact = 0;
        int httpBodies = 0;
        int httpExact = 0;
        for (String file : WireVectors.files()) {
            for (WireVectors.Vector v : WireVectors.load(file)) {
                String cv = v.clojureValue();
                if (cv != null) {
                    values++;
                    Outcome o = compare(cv, v + " clojure_value");
                    if (o == Outcome.REJECTED) {
                        valuesRejected++;
                    } else if (o == Outcome.EXACT) {
                        valuesExact++;
                    }
                }
                JsonNode d = v.decoded();
                boolean cljRequest = d.path("start_line").asText().matches("\\S+ \\S+\\.clj HTTP/1\\.1");
                boolean cljResponse = "application/clj".equals(d.path("headers").path("content-type").asText());
                if (file.equals("http.jsonl") && (cljRequest || cljResponse)) {
                    httpBodies++;
                    Outcome o = compare(d.path("body_utf8").asText(), v + " http body");
                    if (cljResponse && o == Outcome.EXACT) {
                        httpExact++;
                    }
                }
            }
        }
        System.out.printf("clojure_value: %d (%d rejected by both, %d printed exactly); http clj bodies: %d (%d responses exact)%n",
                values, valuesRejected, valuesExact, httpBodies, httpExact);
        assertThat(values).isGreaterThanOrEqualTo(300);
        assertThat(valuesExact).isGreaterThanOrEqualTo(250);
        assertThat(httpBodies).isGreaterThanOrEqualTo(15);
        assertThat(httpExact).isGreaterThanOrEqualTo(7);
    }

    private enum Outcome { REJECTED, EXACT, OTHER }

    /** Reads with both readers (one top-level value); EXACT when our printer also gives the text back. */
    private Outcome compare(String text, String where) {
        Object oracle;
        try {
            oracle = ClojureOracle.readSingle(text);
        } catch (RuntimeException e) {
            assertThatThrownBy(() -> reader.read(text)).as(where + ": " + text).isInstanceOf(SerializationException.class);
            return Outcome.REJECTED;
        }
        Object expected = ClojureOracle.toData(oracle);
        Object ours = reader.read(text);
        assertThat(DataEquality.diff(expected, ours)).as(where).isNull();
        String printed = printer.print(ours);
        if (printed.equals(text)) {
            return Outcome.EXACT;
        }
        // not printer output (typed by hand, or hash ordered): must at least read back the same
        assertThat(DataEquality.diff(expected, reader.read(printed))).as(where + " reprinted").isNull();
        return Outcome.OTHER;
    }

    /** Whether Clojure prints this in hash order somewhere (set of 2+, map of 9+). */
    static boolean hashOrdered(Object v) {
        if (v instanceof Set<?> s) {
            return s.size() > 1 || anyHashOrdered(s);
        }
        if (v instanceof Map<?, ?> m) {
            return m.size() > 8 || anyHashOrdered(m.keySet()) || anyHashOrdered(m.values());
        }
        if (v instanceof Collection<?> c) {
            return anyHashOrdered(c);
        }
        return false;
    }

    private static boolean anyHashOrdered(Collection<?> c) {
        for (Object o : new ArrayList<>(c)) {
            if (hashOrdered(o)) {
                return true;
            }
        }
        return false;
    }

}
