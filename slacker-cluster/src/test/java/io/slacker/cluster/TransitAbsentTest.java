package io.slacker.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slacker.CallOptions;
import io.slacker.ContentType;
import io.slacker.SlackerClient;
import io.slacker.SlackerException;
import io.slacker.SlackerServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * transit-java is an optional dependency of slacker-core, so this module (like a user's application
 * that does not declare it) runs without it: every other content type works, and asking for transit
 * says what to add.
 */
class TransitAbsentTest {

    @Test
    void transitJavaIsNotOnThisModulesClasspath() {
        assertThatThrownBy(() -> Class.forName("com.cognitect.transit.TransitFactory"))
            .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void clientWithTransitContentTypeSaysWhatToAdd() {
        assertThatThrownBy(() -> SlackerClient.builder().address("127.0.0.1:1").contentType(ContentType.TRANSIT_MSGPACK).build())
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("transit-msgpack")
            .hasMessageContaining("com.cognitect:transit-java");
    }

    @Test
    void otherContentTypesWorkAndAPerCallTransitIsRefusedClearly() {
        try (SlackerServer server = SlackerServer.builder().host("127.0.0.1").port(0)
                .expose("absent.transit", Map.of("echo", args -> args.get(0)))
                .start();
             SlackerClient client = SlackerClient.builder().address("127.0.0.1:" + server.port()).build()) {
            assertThat(client.call("absent.transit", "echo", List.of("hi"))).isEqualTo("hi");
            assertThat(client.call("absent.transit", "echo", List.of(42L), CallOptions.defaults().withContentType(ContentType.JSON)))
                .isEqualTo(42L);
            assertThatThrownBy(() -> client.call("absent.transit", "echo", List.of(1L),
                    CallOptions.defaults().withContentType(ContentType.TRANSIT_JSON)))
                .isInstanceOf(SlackerException.class)
                .hasMessageContaining("com.cognitect:transit-java")
                .hasMessageContaining("absent.transit/echo");
            // the connection is still good after the refusal
            assertThat(client.call("absent.transit", "echo", List.of("again"))).isEqualTo("again");
        }
    }
}
