package io.slacker.internal.serialization.edn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slacker.ContentType;
import io.slacker.data.Keyword;
import io.slacker.spi.SerializationException;
import io.slacker.spi.Serializer;
import io.slacker.testkit.DataEquality;
import io.slacker.testkit.ValueGenerator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class EdnSerializerTest {

    @Test
    void roundTripsThroughTheSpi() {
        Serializer s = EdnSerializer.standard();
        assertThat(s.contentType()).isEqualTo(ContentType.CLJ);
        Object v = List.of(Map.of(Keyword.of("a"), 1L), "héllo");
        byte[] bytes = s.serialize(v);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("[{:a 1} \"héllo\"]");
        assertThat(s.deserialize(bytes)).isEqualTo(v);
        assertThat(s.deserialize(new byte[0])).isNull();
        assertThat(s.deserialize(null)).isNull();
        assertThat(s.serialize(null)).isEqualTo("nil".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> s.deserialize("[1".getBytes(StandardCharsets.UTF_8))).isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> s.serialize(new Object())).isInstanceOf(SerializationException.class);
    }

    @Test
    void builderOptions() {
        EdnSerializer s = EdnSerializer.builder()
                .maxDepth(3)
                .tag("my/tag", (tag, form) -> "tagged " + form)
                .build();
        assertThat(s.deserialize("#my/tag 5".getBytes(StandardCharsets.UTF_8))).isEqualTo("tagged 5");
        assertThatThrownBy(() -> s.deserialize("[[[[1]]]]".getBytes(StandardCharsets.UTF_8))).isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> s.serialize(List.of(List.of(List.of(List.of(1L)))))).isInstanceOf(SerializationException.class);
        EdnSerializer keep = EdnSerializer.builder().defaultTagHandler(TagHandler.KEEP).build();
        byte[] in = "#object [\"x\" 1]".getBytes(StandardCharsets.UTF_8);
        assertThat(keep.serialize(keep.deserialize(in))).isEqualTo(in);
    }

    @Test
    void threadSafe() throws Exception {
        EdnSerializer s = EdnSerializer.standard();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                long seed = t;
                futures.add(pool.submit(() -> {
                    ValueGenerator gen = new ValueGenerator(seed, ValueGenerator.Profile.EDN, 3);
                    for (int i = 0; i < 1000; i++) {
                        Object v = gen.next();
                        assertThat(DataEquality.diff(v, s.deserialize(s.serialize(v)))).isNull();
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
