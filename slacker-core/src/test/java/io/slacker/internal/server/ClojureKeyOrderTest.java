package io.slacker.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import clojure.lang.IPersistentMap;
import clojure.lang.ISeq;
import clojure.lang.PersistentArrayMap;
import clojure.lang.RT;
import io.slacker.internal.serialization.edn.EdnReader;
import io.slacker.testkit.WireVectors;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The order of Clojure's {@code keys}, against Clojure itself and the Clojure server's inspect answers. */
class ClojureKeyOrderTest {
    private static List<String> clojureKeys(List<String> names) {
        IPersistentMap m = PersistentArrayMap.EMPTY;
        for (String n : names) {
            m = m.assoc(n, Boolean.TRUE);
        }
        List<String> out = new ArrayList<>();
        for (ISeq s = RT.keys(m); s != null; s = s.next()) {
            out.add((String) s.first());
        }
        return out;
    }

    @Test
    void hashIsClojures() {
        Random rnd = new Random(12);
        for (int i = 0; i < 2_000; i++) {
            String s = "ns" + rnd.nextInt(100) + "/fn-" + Long.toString(rnd.nextLong(), 36);
            assertThat(ClojureKeyOrder.hash(s)).as(s).isEqualTo(clojure.lang.Util.hasheq(s));
        }
        assertThat(ClojureKeyOrder.hash("")).isEqualTo(clojure.lang.Util.hasheq(""));
    }

    @Test
    void sameOrderAsClojureForEverySize() {
        Random rnd = new Random(7);
        for (int round = 0; round < 500; round++) {
            int size = 1 + rnd.nextInt(round < 100 ? 12 : 300);
            Set<String> names = new LinkedHashSet<>();
            while (names.size() < size) {
                names.add("my.ns" + rnd.nextInt(4) + "/f" + rnd.nextInt(100_000));
            }
            List<String> list = new ArrayList<>(names);
            assertThat(ClojureKeyOrder.of(list)).as("round %d, %d names", round, size).isEqualTo(clojureKeys(list));
        }
        // strings of equal hash keep insertion order, as in Clojure ("Aa" and "BB" share a hashCode)
        List<String> colliding = List.of("x/BB", "x/Aa", "a", "b", "c", "d", "e", "f", "g", "h");
        assertThat("x/BB".hashCode()).isEqualTo("x/Aa".hashCode());
        assertThat(ClojureKeyOrder.of(colliding)).isEqualTo(clojureKeys(colliding));
    }

    @Test
    void functionsListedAsTheClojureServerDid() {
        int checked = 0;
        for (WireVectors.Vector v : WireVectors.load("inspect.jsonl")) {
            if (v.scenario().equals("functions-nil") && v.direction().equals("s2c")
                && v.decoded().path("type").path("name").asText().equals("type-inspect-ack")) {
                // every exposed function of the Clojure example server, in its order
                List<String> golden = new ArrayList<>();
                for (Object o : (List<?>) EdnReader.standard().read(v.decoded().path("payload").path("utf8").asText())) {
                    golden.add((String) o);
                }
                List<String> shuffled = new ArrayList<>(golden);
                Collections.shuffle(shuffled, new Random(3));
                assertThat(ClojureKeyOrder.of(shuffled)).isEqualTo(golden);
                checked++;
            }
        }
        assertThat(checked).isEqualTo(1);
    }
}
