package io.slacker.spring.boot;

import io.slacker.ContentType;
import io.slacker.cluster.Grouping;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The {@code slacker.*} properties. */
@ConfigurationProperties("slacker")
public class SlackerProperties {
    private final Server server = new Server();
    private final Client client = new Client();
    private final Cluster cluster = new Cluster();

    /** {@code slacker.server.*}. */
    public Server getServer() {
        return server;
    }

    /** {@code slacker.client.*}. */
    public Client getClient() {
        return client;
    }

    /** {@code slacker.cluster.*}. */
    public Cluster getCluster() {
        return cluster;
    }

    /** Whether {@code slacker.cluster.zookeeper} and {@code slacker.cluster.name} are both set. */
    public boolean clustered() {
        return cluster.zookeeper != null && !cluster.zookeeper.isBlank() && cluster.name != null && !cluster.name.isBlank();
    }

    /** The server that exposes the application's {@code @Namespace} beans. */
    public static class Server {
        /** Whether to start a server when the context has beans implementing {@code @Namespace} interfaces. */
        private boolean enabled = true;
        /** The address to bind. */
        private String host = "0.0.0.0";
        /** The port (0: any free port; the bound one is published as {@code local.slacker.port}). */
        private int port = 2104;
        /** The HTTP transport's port; none when unset. */
        private Integer httpPort;
        /** How long a stop waits for calls in flight. */
        private Duration shutdownTimeout = Duration.ofSeconds(10);
        /** The worker threads of the server's default pool; the library's default when unset. */
        private Integer threads;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getHost() {
            return host;
        }

        public void setHost(String host) {
            this.host = host;
        }

        public int getPort() {
            return port;
        }

        public void setPort(int port) {
            this.port = port;
        }

        public Integer getHttpPort() {
            return httpPort;
        }

        public void setHttpPort(Integer httpPort) {
            this.httpPort = httpPort;
        }

        public Duration getShutdownTimeout() {
            return shutdownTimeout;
        }

        public void setShutdownTimeout(Duration shutdownTimeout) {
            this.shutdownTimeout = shutdownTimeout;
        }

        public Integer getThreads() {
            return threads;
        }

        public void setThreads(Integer threads) {
            this.threads = threads;
        }
    }

    /** The client behind the injected remote interfaces. */
    public static class Client {
        /** host:port of a slacker server (a direct client); ignored when the cluster is configured. */
        private String address;
        /** The content type of calls, e.g. {@code clj}, {@code json}, {@code transit-json}. */
        private ContentType contentType = ContentType.CLJ;
        /** The call timeout; the library's default when unset. */
        private Duration timeout;
        /** Fully qualified names of {@code @Namespace} interfaces to register as injectable proxy beans. */
        private List<String> proxies = new ArrayList<>();

        public String getAddress() {
            return address;
        }

        public void setAddress(String address) {
            this.address = address;
        }

        public ContentType getContentType() {
            return contentType;
        }

        public void setContentType(ContentType contentType) {
            this.contentType = contentType;
        }

        public Duration getTimeout() {
            return timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

        public List<String> getProxies() {
            return proxies;
        }

        public void setProxies(List<String> proxies) {
            this.proxies = proxies;
        }
    }

    /** ZooKeeper: when set, the server registers in the cluster and the proxies call through it. */
    public static class Cluster {
        /** The ZooKeeper connect string, e.g. {@code 127.0.0.1:2181}. */
        private String zookeeper;
        /** The cluster name. */
        private String name;
        /** The client's grouping. */
        private Grouping grouping = Grouping.RANDOM;
        /** The ZooKeeper session timeout. */
        private Duration sessionTimeout = Duration.ofSeconds(10);
        /** How long to wait for the first ZooKeeper connection. */
        private Duration connectTimeout = Duration.ofSeconds(15);

        public String getZookeeper() {
            return zookeeper;
        }

        public void setZookeeper(String zookeeper) {
            this.zookeeper = zookeeper;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public Grouping getGrouping() {
            return grouping;
        }

        public void setGrouping(Grouping grouping) {
            this.grouping = grouping;
        }

        public Duration getSessionTimeout() {
            return sessionTimeout;
        }

        public void setSessionTimeout(Duration sessionTimeout) {
            this.sessionTimeout = sessionTimeout;
        }

        public Duration getConnectTimeout() {
            return connectTimeout;
        }

        public void setConnectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
        }
    }
}
