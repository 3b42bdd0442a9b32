package io.slacker.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.slacker.ConnectionBrokenException;
import io.slacker.SlackerClient;
import io.slacker.internal.protocol.Frame;
import io.slacker.spi.Serializers;
import io.slacker.testkit.TestTls;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The client over TLS, against a fake server with the test certificate. */
class TlsTest {
    private static FakeServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new FakeServer(0, TestTls.server(), FakeServer.standard());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void callsOverTls() throws Exception {
        SslContext clientSsl = TestTls.client();
        try (SlackerClient c = SlackerClient.builder().address(server.address()).serializers(Serializers.defaults())
            .sslContext(clientSsl).build()) {
            TestApi api = c.proxy(TestApi.class);
            assertThat(api.echo("secret")).isEqualTo("secret");
            assertThat(api.echoAsync("async").get(5, TimeUnit.SECONDS)).isEqualTo("async");
            assertThat(c.functions("test.api")).contains("test.api/echo");
            assertThat(server.next(Frame.ClientHello.class).frame()).isInstanceOf(Frame.ClientHello.class);
        }
    }

    @Test
    void untrustedServerIsAConnectionFailure() throws Exception {
        SslContext clientSsl = SslContextBuilder.forClient().build(); // JDK trust store: no self-signed cert
        try (SlackerClient c = SlackerClient.builder().address(server.address()).serializers(Serializers.defaults())
            .sslContext(clientSsl).timeout(Duration.ofSeconds(10)).build()) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> c.call("test.api", "echo", List.of("x"))).isExactlyInstanceOf(ConnectionBrokenException.class)
                .hasRootCauseInstanceOf(java.security.cert.CertPathBuilderException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }
}
