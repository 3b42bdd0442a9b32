package io.slacker.client;

import io.slacker.serialization.edn.EdnReader;
import io.slacker.serialization.edn.EdnSerializer;
import io.slacker.serialization.Serializers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.slacker.ConnectionBrokenException;
import io.slacker.protocol.Frame;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client over TLS, against a fake server with a self-signed certificate made by keytool. */
class TlsTest {
    private static final char[] PASSWORD = "changeit".toCharArray();
    @TempDir
    static Path dir;
    private static FakeServer server;
    private static X509Certificate cert;

    @BeforeAll
    static void start() throws Exception {
        Path store = dir.resolve("server.p12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
            "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
            "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
            "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", new String(PASSWORD))
            .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();

        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, PASSWORD);
        }
        cert = (X509Certificate) ks.getCertificate("server");
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD);
        SslContext serverSsl = SslContextBuilder.forServer(kmf).build();
        server = new FakeServer(0, serverSsl, FakeServer.standard());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void callsOverTls() throws Exception {
        SslContext clientSsl = SslContextBuilder.forClient().trustManager(cert).build();
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
