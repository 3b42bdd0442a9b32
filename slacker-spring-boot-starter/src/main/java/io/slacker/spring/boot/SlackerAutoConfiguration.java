package io.slacker.spring.boot;

import io.slacker.SlackerClient;
import io.slacker.cluster.ClusterClient;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;

/**
 * slacker's beans, from {@link SlackerProperties}: the server lifecycle, the proxy registrar and
 * factory, a direct {@link SlackerClient} ({@code slacker.client.address}) and, with
 * {@code slacker.cluster.zookeeper}, a ZooKeeper client and a {@link ClusterClient}. Clients are
 * lazy: an application that only serves makes none.
 */
@AutoConfiguration
@EnableConfigurationProperties(SlackerProperties.class)
public class SlackerAutoConfiguration {

    /** Registers the beans of {@code slacker.client.proxies} (static: it runs before other beans exist). */
    @Bean
    static SlackerProxyRegistrar slackerProxyRegistrar(Environment environment) {
        return new SlackerProxyRegistrar(environment);
    }

    /** Makes the proxies through the cluster or the direct client. */
    @Bean
    @ConditionalOnMissingBean
    SlackerProxyFactory slackerProxyFactory(ObjectProvider<ClusterClient> cluster, ObjectProvider<SlackerClient> direct) {
        return new SlackerProxyFactory(cluster, direct);
    }

    /** The server of the application's {@code @Namespace} beans. */
    @Bean
    @ConditionalOnProperty(prefix = "slacker.server", name = "enabled", havingValue = "true", matchIfMissing = true)
    SlackerServerLifecycle slackerServerLifecycle(ConfigurableListableBeanFactory beanFactory, ConfigurableEnvironment environment,
                                                  SlackerProperties properties, ObjectProvider<CuratorFramework> curator,
                                                  ObjectProvider<SlackerServerCustomizer> customizers) {
        return new SlackerServerLifecycle(beanFactory, environment, properties, curator, customizers);
    }

    /** The ZooKeeper client shared by the cluster server and the cluster client (closed after them). */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(prefix = "slacker.cluster", name = {"zookeeper", "name"})
    @ConditionalOnMissingBean
    CuratorFramework slackerCurator(SlackerProperties properties) {
        SlackerProperties.Cluster c = properties.getCluster();
        CuratorFramework curator = CuratorFrameworkFactory.builder().connectString(c.getZookeeper())
            .sessionTimeoutMs((int) c.getSessionTimeout().toMillis())
            .connectionTimeoutMs((int) c.getConnectTimeout().toMillis())
            .retryPolicy(new ExponentialBackoffRetry(100, 5, 1_000))   // as the cluster module's own client
            .build();
        curator.start();
        return curator;
    }

    /** The cluster client behind the proxies when the cluster is configured. */
    @Bean(destroyMethod = "close")
    @Lazy
    @ConditionalOnBean(CuratorFramework.class)
    @ConditionalOnMissingBean
    ClusterClient slackerClusterClient(SlackerProperties properties, CuratorFramework curator,
                                       ObjectProvider<SlackerClientCustomizer> customizers) {
        SlackerProperties.Client p = properties.getClient();
        SlackerClient.Builder template = SlackerClient.builder().contentType(p.getContentType());
        if (p.getTimeout() != null) {
            template.timeout(p.getTimeout());
        }
        customizers.orderedStream().forEach(c -> c.customize(template));
        ClusterClient.Builder b = ClusterClient.builder().curator(curator).cluster(properties.getCluster().getName())
            .grouping(properties.getCluster().getGrouping()).client(template)
            .connectTimeout(properties.getCluster().getConnectTimeout());
        customizers.orderedStream().forEach(c -> c.customize(b));
        return b.build();
    }

    /** The direct client behind the proxies when {@code slacker.client.address} is set (and no cluster). */
    @Bean(destroyMethod = "close")
    @Lazy
    @ConditionalOnProperty(prefix = "slacker.client", name = "address")
    @ConditionalOnMissingBean
    SlackerClient slackerClient(SlackerProperties properties, ObjectProvider<SlackerClientCustomizer> customizers) {
        SlackerProperties.Client p = properties.getClient();
        SlackerClient.Builder b = SlackerClient.builder().address(p.getAddress()).contentType(p.getContentType());
        if (p.getTimeout() != null) {
            b.timeout(p.getTimeout());
        }
        customizers.orderedStream().forEach(c -> c.customize(b));
        return b.build();
    }
}
