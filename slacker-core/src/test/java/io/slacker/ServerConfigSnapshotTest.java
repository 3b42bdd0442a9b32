package io.slacker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A server runs on what its builder held at start(): later changes reach only servers started later. */
class ServerConfigSnapshotTest {
    @Test
    void changingTheBuilderAfterStartChangesNothingThatRuns() {
        SlackerServer.Builder b = SlackerServer.builder().host("127.0.0.1").port(0)
            .expose("snap.a", Map.of("one", args -> 1L));
        try (SlackerServer first = b.start()) {
            b.expose("snap.b", Map.of("two", args -> 2L)).sendStackTraces(true);
            try (SlackerServer second = b.start();
                 SlackerClient c1 = SlackerClient.builder().address("127.0.0.1", first.port()).build();
                 SlackerClient c2 = SlackerClient.builder().address("127.0.0.1", second.port()).build()) {
                assertThat(first.namespaces()).containsExactly("snap.a");
                assertThat(c1.functions(null)).containsExactly("snap.a/one");
                assertThat(second.namespaces()).containsExactly("snap.a", "snap.b");
                assertThat(c2.call("snap.b", "two", List.of())).isEqualTo(2L);
            }
        }
    }

    @Test
    void aCopyIsIndependentOfItsOriginal() {
        SlackerServer.Builder original = SlackerServer.builder().host("127.0.0.1").port(0)
            .expose("snap.c", Map.of("f", args -> 1L));
        SlackerServer.Builder copy = original.copy().expose("snap.d", Map.of("g", args -> 2L));
        try (SlackerServer a = original.start(); SlackerServer b = copy.start()) {
            assertThat(a.namespaces()).containsExactly("snap.c");
            assertThat(b.namespaces()).containsExactly("snap.c", "snap.d");
        }
    }
}
