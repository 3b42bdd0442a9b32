package io.slacker.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Loads the golden frames captured from the Clojure slacker, straight from
 * the repository's {@code testdata/wire-vectors} (system property {@code slacker.wireVectors}, set by
 * the build; otherwise found by walking up from the working directory).
 */
public final class WireVectors {
    private static final ObjectMapper JSON = new ObjectMapper();

    private WireVectors() {
    }

    /** The folder holding the vectors. */
    public static Path dir() {
        String prop = System.getProperty("slacker.wireVectors");
        if (prop != null && Files.isDirectory(Path.of(prop))) {
            return Path.of(prop);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("testdata").resolve("wire-vectors");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("testdata/wire-vectors not found (set -Dslacker.wireVectors)");
    }

    /** Every {@code .jsonl} file of the vectors, by name. */
    public static List<String> files() {
        try (Stream<Path> s = Files.list(dir())) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jsonl")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines of one file (e.g. {@code "calls-clj.jsonl"}), each one frame. */
    public static List<Vector> load(String file) {
        try {
            List<Vector> out = new ArrayList<>();
            int n = 0;
            for (String line : Files.readAllLines(dir().resolve(file))) {
                n++;
                if (!line.isBlank()) {
                    out.add(new Vector(file, n, JSON.readTree(line)));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The ZooKeeper layout dump. */
    public static JsonNode zkLayout() {
        try {
            return JSON.readTree(dir().resolve("zk-layout.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One captured frame (or HTTP message).
     *
     * @param file the file it comes from
     * @param line its line number there
     * @param json the whole JSON object of the line
     */
    public record Vector(String file, int line, JsonNode json) {
        /** The scenario label. */
        public String scenario() {
            return json.path("scenario").asText();
        }

        /** {@code c2s}, {@code s2c}, {@code none} or {@code n/a}. */
        public String direction() {
            return json.path("direction").asText();
        }

        /** The exact bytes, or an empty array for {@code direction: none}. */
        public byte[] bytes() {
            String hex = json.path("hex").asText("");
            return HexFormat.of().parseHex(hex);
        }

        /** The {@code decoded} object. */
        public JsonNode decoded() {
            return json.path("decoded");
        }

        /** The {@code clojure_value} EDN text, or null. */
        public String clojureValue() {
            JsonNode v = json.get("clojure_value");
            return v == null || v.isNull() ? null : v.asText();
        }

        /** The note. */
        public String note() {
            return json.path("note").asText("");
        }

        @Override
        public String toString() {
            return file + ":" + line + " " + scenario() + " " + direction();
        }
    }
}
