package io.slacker.cli;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.slacker.SlackerClient;
import java.io.File;
import java.time.Duration;
import javax.net.ssl.SSLException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The connection options every command that talks to a server shares. */
final class ClientOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = {"-t", "--timeout"}, paramLabel = "DURATION", defaultValue = "10s",
        converter = Converters.DurationConverter.class,
        description = "Call timeout: 500ms, 2s, 1m or milliseconds (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--protocol", paramLabel = "5|6", defaultValue = "6",
        description = "Protocol version (default: ${DEFAULT-VALUE}; 5 has no hello and no extensions).")
    int protocol;

    @Option(names = "--client-name", paramLabel = "NAME", defaultValue = "slacker-cli",
        description = "Name sent in the client-hello, shown by `clients` (default: ${DEFAULT-VALUE}).")
    String clientName;

    @Option(names = "--tls", description = "Connect with TLS, trusting the JDK's default CAs (see --tls-ca, --tls-insecure).")
    boolean tls;

    @Option(names = "--tls-ca", paramLabel = "PEM", description = "TLS, trusting the certificate(s) in this PEM file.")
    File tlsCa;

    @Option(names = "--tls-insecure", description = "TLS without checking the server's certificate (testing only).")
    boolean tlsInsecure;

    /** A client builder for {@code address} with these options. */
    SlackerClient.Builder builder(String address) {
        SlackerClient.Builder b = template();
        try {
            b.address(address);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "bad address '" + address + "': expected host:port");
        }
        return b;
    }

    /** A client builder with these options and no address (the template of a cluster's clients). */
    SlackerClient.Builder template() {
        SlackerClient.Builder b = SlackerClient.builder();
        if (protocol != 5 && protocol != 6) {
            throw new ParameterException(spec.commandLine(), "--protocol must be 5 or 6, not " + protocol);
        }
        Duration connect = timeout.compareTo(Duration.ofSeconds(5)) < 0 ? timeout : Duration.ofSeconds(5);
        b.timeout(timeout).connectTimeout(connect).protocolVersion(protocol).clientName(clientName);
        SslContext ssl = sslContext();
        if (ssl != null) {
            b.sslContext(ssl);
        }
        return b;
    }

    private SslContext sslContext() {
        if (!tls && tlsCa == null && !tlsInsecure) {
            return null;
        }
        try {
            SslContextBuilder b = SslContextBuilder.forClient();
            if (tlsInsecure) {
                b.trustManager(InsecureTrustManagerFactory.INSTANCE);
            } else if (tlsCa != null) {
                if (!tlsCa.isFile()) {
                    throw new ParameterException(spec.commandLine(), "--tls-ca: no such file " + tlsCa);
                }
                b.trustManager(tlsCa);
            }
            return b.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "cannot set up TLS: " + e.getMessage(), e);
        }
    }
}
