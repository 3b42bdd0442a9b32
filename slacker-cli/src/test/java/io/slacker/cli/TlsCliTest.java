package io.slacker.cli;

import static io.slacker.cli.CliFixture.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.slacker.SlackerServer;
import io.slacker.cli.CliFixture.Run;
import io.slacker.examples.api.ExampleApiImpl;
import io.slacker.examples.api.ExampleFunctions;
import io.slacker.testkit.TestTls;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TLS options against a TLS server. */
class TlsCliTest {
    @Test
    void callsOverTls(@TempDir Path dir) throws Exception {
        Path pem = dir.resolve("ca.pem");
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(TestTls.certificate().getEncoded());
        Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n" + b64 + "\n-----END CERTIFICATE-----\n");
        try (SlackerServer server = ExampleFunctions.exampleServer(new ExampleApiImpl()).host("127.0.0.1").port(0)
            .sslContext(TestTls.server()).start()) {
            String addr = "127.0.0.1:" + server.port();
            Run trusted = run("call", addr, "slacker.example.api/echo", "[\"secure\"]", "--tls-ca", pem.toString());
            assertThat(trusted.exit()).as(trusted.toString()).isZero();
            assertThat(trusted.out()).isEqualTo("\"secure\"\n");

            Run insecure = run("functions", addr, "slacker.example.api2", "--tls-insecure");
            assertThat(insecure.exit()).as(insecure.toString()).isZero();

            // the JDK's CAs do not trust the self-signed test certificate: the handshake fails
            Run untrusted = run("call", addr, "slacker.example.api/echo", "[1]", "--tls", "--timeout", "3s");
            assertThat(untrusted.exit()).as(untrusted.toString()).isEqualTo(ExitCodes.UNREACHABLE);

            assertThat(run("call", addr, "a/b", "--tls-ca", dir.resolve("missing.pem").toString()).exit()).isEqualTo(2);
        }
    }
}
