package io.slacker.examples;

import io.slacker.cluster.ClusterConfig;
import io.slacker.cluster.ConfigChange;
import io.slacker.cluster.ConfigListener;
import io.slacker.spi.RemoteFunction;
import io.slacker.SlackerServer;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A function that follows its configuration without a restart: {@code slacker.example.config/greet}
 * answers {@code "<greeting>, <name>!"}, the greeting read from the {@code greeting} key of a
 * {@link ClusterConfig} (default {@code "Hello"}) and replaced as soon as the key changes.
 *
 * <pre>{@code
 * ClusterConfig config = ClusterConfig.builder().zookeeper(zk).cluster("example-cluster").app("example").start();
 * ConfigGreeting greeting = new ConfigGreeting(config);
 * ConfigGreeting.expose(SlackerServer.builder().port(2104), greeting);
 * // slacker config set --zk ZK --cluster example-cluster --app example greeting '"Hi"'
 * }</pre>
 */
public final class ConfigGreeting implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigGreeting.class);

    /** The namespace {@link #expose} adds. */
    public static final String NAMESPACE = "slacker.example.config";
    /** The config key holding the greeting. */
    public static final String KEY = "greeting";
    /** The greeting while the key is missing. */
    public static final String DEFAULT = "Hello";

    private final ClusterConfig config;
    private final ConfigListener listener = this::changed;
    private volatile String greeting;

    /** Reads the greeting now and follows its changes. */
    public ConfigGreeting(ClusterConfig config) {
        this.config = config;
        config.addListener(listener);
        this.greeting = valid(config.get(KEY, DEFAULT));
    }

    private void changed(ConfigChange change) {
        if (!change.key().equals(KEY)) {
            return;
        }
        if (change.deleted()) {
            greeting = DEFAULT;
        } else if (change.newValue() instanceof String s) {
            greeting = s;
        } else {
            LOG.warn("config key {} must be a string, keeping \"{}\": {}", KEY, greeting, change.newValue());
            return;
        }
        LOG.info("greeting is now \"{}\"", greeting);
    }

    private static String valid(Object v) {
        return v instanceof String s ? s : DEFAULT;
    }

    /** The current greeting. */
    public String greeting() {
        return greeting;
    }

    /** {@code "<greeting>, <name>!"}. */
    public String greet(String name) {
        return greeting + ", " + name + "!";
    }

    /** Adds {@code slacker.example.config/greet [name]} to a server builder. */
    public static SlackerServer.Builder expose(SlackerServer.Builder server, ConfigGreeting greeting) {
        RemoteFunction greet = args -> greeting.greet(args.isEmpty() ? "world" : String.valueOf(args.get(0)));
        return server.expose(NAMESPACE, Map.of("greet", greet));
    }

    /** Stops following the config (the config itself stays open). */
    @Override
    public void close() {
        config.removeListener(listener);
    }
}
