package io.slacker.spring.boot;

import io.slacker.Namespace;
import io.slacker.cluster.ClusterServer;
import io.slacker.SlackerServer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.curator.framework.CuratorFramework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

/**
 * Starts the slacker server with the context (after every other bean is ready) and stops it
 * gracefully first when the context closes: calls in flight finish within
 * {@code slacker.server.shutdown-timeout}; a cluster server unregisters from ZooKeeper before.
 * It exposes every bean that implements an interface annotated {@code @Namespace}, except the
 * remote proxies, and starts nothing when there is none.
 */
public class SlackerServerLifecycle implements SmartLifecycle {
    /** The property that holds the bound port once the server runs. */
    public static final String LOCAL_PORT_PROPERTY = "local.slacker.port";

    private static final Logger LOG = LoggerFactory.getLogger(SlackerServerLifecycle.class);

    private final ConfigurableListableBeanFactory beanFactory;
    private final ConfigurableEnvironment environment;
    private final SlackerProperties properties;
    private final ObjectProvider<CuratorFramework> curator;
    private final ObjectProvider<SlackerServerCustomizer> customizers;
    private volatile SlackerServer server;
    private volatile ClusterServer clusterServer;

    /** A lifecycle over the context's beans. */
    public SlackerServerLifecycle(ConfigurableListableBeanFactory beanFactory, ConfigurableEnvironment environment,
                                  SlackerProperties properties, ObjectProvider<CuratorFramework> curator,
                                  ObjectProvider<SlackerServerCustomizer> customizers) {
        this.beanFactory = beanFactory;
        this.environment = environment;
        this.properties = properties;
        this.curator = curator;
        this.customizers = customizers;
    }

    @Override
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        Map<Class<?>, Object> exposed = namespaceBeans();
        if (exposed.isEmpty()) {
            LOG.debug("no bean implements a @Namespace interface: no slacker server");
            return;
        }
        SlackerProperties.Server p = properties.getServer();
        SlackerServer.Builder b = SlackerServer.builder().host(p.getHost()).port(p.getPort())
            .shutdownTimeout(p.getShutdownTimeout());
        if (p.getHttpPort() != null) {
            b.http(p.getHttpPort());
        }
        if (p.getThreads() != null) {
            b.threads(p.getThreads());
        }
        exposed.forEach((iface, bean) -> expose(b, iface, bean));
        customizers.orderedStream().forEach(c -> c.customize(b));
        if (properties.clustered()) {
            clusterServer = ClusterServer.builder().server(b).curator(curator.getObject())
                .cluster(properties.getCluster().getName()).shutdownTimeout(p.getShutdownTimeout()).start();
            server = clusterServer.server();
        } else {
            server = b.start();
        }
        environment.getPropertySources().addFirst(
            new MapPropertySource("slacker.local", Map.of(LOCAL_PORT_PROPERTY, server.port())));
        LOG.info("slacker server on port {}{}: {}", server.port(),
            clusterServer != null ? " in cluster " + properties.getCluster().getName() : "", server.namespaces());
    }

    @SuppressWarnings("unchecked")
    private static <T> void expose(SlackerServer.Builder b, Class<T> iface, Object bean) {
        b.expose(iface, (T) bean);
    }

    private Map<Class<?>, Object> namespaceBeans() {
        Map<Class<?>, Object> found = new LinkedHashMap<>();
        for (String name : beanFactory.getBeanDefinitionNames()) {
            BeanDefinition def = beanFactory.getMergedBeanDefinition(name);
            if (def.isAbstract() || def.getAttribute(SlackerProxyRegistrar.PROXY_ATTRIBUTE) != null) {
                continue;
            }
            Class<?> type = beanFactory.getType(name, false);
            if (type == null) {
                continue;
            }
            List<Class<?>> namespaces = new ArrayList<>();
            for (Class<?> i : ClassUtils.getAllInterfacesForClassAsSet(type)) {
                if (i.isAnnotationPresent(Namespace.class)) {
                    namespaces.add(i);
                }
            }
            if (!namespaces.isEmpty()) {
                Object bean = beanFactory.getBean(name);
                for (Class<?> i : namespaces) {
                    Object previous = found.putIfAbsent(i, bean);
                    if (previous != null && previous != bean) {
                        throw new IllegalStateException("two beans implement @Namespace interface " + i.getName()
                            + "; slacker exposes one implementation per namespace");
                    }
                }
            }
        }
        return found;
    }

    @Override
    public synchronized void stop() {
        if (clusterServer != null) {
            clusterServer.close();
        } else if (server != null) {
            server.close();
        }
        clusterServer = null;
        server = null;
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }

    @Override
    public int getPhase() {
        return DEFAULT_PHASE;
    }

    /** The running server, or null. */
    public SlackerServer server() {
        return server;
    }

    /** The running cluster server, or null (no cluster configured, or not running). */
    public ClusterServer clusterServer() {
        return clusterServer;
    }
}
