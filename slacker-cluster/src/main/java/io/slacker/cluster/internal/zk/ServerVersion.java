package io.slacker.cluster.internal.zk;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The version of a ZooKeeper server, asked with the {@code srvr} four-letter word (allowed by
 * default from ZooKeeper 3.5 on). Used only to explain failures and refuse servers we cannot work
 * with; when the server does not answer, nothing is known and nothing is refused.
 *
 * @param major major version
 * @param minor minor version
 * @param text  the full version text the server reported
 */
public record ServerVersion(int major, int minor, String text) {
    private static final Pattern VERSION = Pattern.compile("Zookeeper version: ((\\d+)\\.(\\d+)[^,\\s]*)");
    private static final int MAX_ANSWER = 64 * 1024;

    /** Whether the server has persistent recursive watches (3.6 and later). */
    public boolean hasPersistentWatches() {
        return major > 3 || (major == 3 && minor >= 6);
    }

    /** Whether slacker works with this server at all (3.5 and later). */
    public boolean isSupported() {
        return major > 3 || (major == 3 && minor >= 5);
    }

    /** Parses the answer to {@code srvr}. */
    static Optional<ServerVersion> parse(String srvrAnswer) {
        Matcher m = VERSION.matcher(srvrAnswer);
        if (!m.find()) {
            return Optional.empty();
        }
        String text = m.group(1);
        int dash = text.indexOf('-');
        return Optional.of(new ServerVersion(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
            dash > 0 ? text.substring(0, dash) : text));
    }

    /**
     * Asks the servers of a connect string ({@code host:port[,...][/chroot]}) in turn until one
     * answers, each within {@code timeout}.
     *
     * @return the version, or empty when no server tells it
     */
    public static Optional<ServerVersion> ask(String connectString, Duration timeout) {
        String hosts = connectString;
        int slash = hosts.indexOf('/');
        if (slash >= 0) {
            hosts = hosts.substring(0, slash);
        }
        for (String hostPort : hosts.split(",")) {
            Optional<ServerVersion> v = askOne(hostPort.trim(), timeout);
            if (v.isPresent()) {
                return v;
            }
        }
        return Optional.empty();
    }

    private static Optional<ServerVersion> askOne(String hostPort, Duration timeout) {
        int colon = hostPort.lastIndexOf(':');
        String host = colon > 0 ? hostPort.substring(0, colon) : hostPort;
        int port;
        try {
            port = colon > 0 ? Integer.parseInt(hostPort.substring(colon + 1)) : 2181;
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int ms = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), ms);
            s.setSoTimeout(ms);
            s.getOutputStream().write("srvr".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buf = new byte[1024];
            for (int n; answer.size() < MAX_ANSWER && (n = in.read(buf)) > 0; ) {
                answer.write(buf, 0, n);
            }
            return parse(answer.toString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
