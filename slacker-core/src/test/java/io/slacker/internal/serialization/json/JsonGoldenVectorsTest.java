package io.slacker.internal.serialization.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.slacker.testkit.ClojureOracle;
import io.slacker.testkit.DataEquality;
import io.slacker.testkit.WireVectors;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every JSON payload captured from the Clojure slacker (cheshire), both ways: our bytes must equal
 * the captured bytes, and our decoded value must equal what Clojure decoded.
 */
class JsonGoldenVectorsTest {
    private static final JsonSerializer JSON = new JsonSerializer();

    /** One JSON byte block of a frame. */
    private record Block(WireVectors.Vector vector, String where, JsonNode node) {
        String hex() {
            return node.path("hex").asText();
        }

        String decodedEdn() {
            return node.path("deserialized").path("edn").asText();
        }

        @Override
        public String toString() {
            return vector + " " + where;
        }
    }

    private static List<Block> blocks() {
        List<Block> out = new ArrayList<>();
        for (String file : List.of("calls-json.jsonl", "errors.jsonl")) {
            for (WireVectors.Vector v : WireVectors.load(file)) {
                JsonNode payload = v.decoded().get("payload");
                if (payload != null && "json".equals(payload.path("deserialized").path("as").asText())) {
                    out.add(new Block(v, "payload", payload));
                }
                JsonNode ext = v.decoded().path("extensions");
                for (int i = 0; i < ext.size(); i++) {
                    JsonNode value = ext.get(i).path("value");
                    if ("json".equals(value.path("deserialized").path("as").asText())) {
                        out.add(new Block(v, "extension " + i, value));
                    }
                }
            }
        }
        return out;
    }

    @Test
    void encodesArgumentsExactlyAsCheshire() {
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Block b : blocks()) {
            if (!b.vector().direction().equals("c2s") || !b.where().equals("payload")) {
                continue;
            }
            // the argument vector the real client was given, with keywords, sets, ratios, #inst...
            Object args = ClojureOracle.readEdn(b.vector().clojureValue());
            String actual = HexFormat.of().formatHex(JSON.serialize(args));
            checked++;
            if (!actual.equals(b.hex())) {
                failures.add(b + ": expected " + b.node().path("utf8").asText() + " got " + new String(JSON.serialize(args)));
            }
        }
        assertThat(failures).isEmpty();
        assertThat(checked).isEqualTo(49);
    }

    @Test
    void reencodesResultsExactlyAsCheshire() {
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Block b : blocks()) {
            if (b.vector().direction().equals("c2s") && b.where().equals("payload")) {
                continue;
            }
            Object value = ClojureOracle.readEdn(b.decodedEdn());
            String actual = HexFormat.of().formatHex(JSON.serialize(value));
            checked++;
            if (!actual.equals(b.hex())) {
                failures.add(b + ": expected " + b.node().path("utf8").asText() + " got " + new String(JSON.serialize(value)));
            }
        }
        assertThat(failures).isEmpty();
        assertThat(checked).isEqualTo(48);
    }

    @Test
    void decodesEveryPayloadAsClojureDid() {
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Block b : blocks()) {
            String d = DataEquality.diffInOrder(ClojureOracle.readEdn(b.decodedEdn()),
                JSON.deserialize(HexFormat.of().parseHex(b.hex())));
            checked++;
            if (d != null) {
                failures.add(b + ": " + d);
            }
        }
        assertThat(failures).isEmpty();
        assertThat(checked).isEqualTo(97);
    }

    @Test
    void responsesDecodeToWhatTheClojureClientReturned() {
        int checked = 0;
        for (Block b : blocks()) {
            if (b.vector().direction().equals("s2c") && b.vector().decoded().path("result_code").path("code").asInt() == 0) {
                Object expected = ClojureOracle.readEdn(b.vector().clojureValue());
                Object actual = JSON.deserialize(HexFormat.of().parseHex(b.hex()));
                assertThat(DataEquality.diffInOrder(expected, actual)).as(b.toString()).isNull();
                checked++;
            }
        }
        assertThat(checked).isEqualTo(47);
    }
}
