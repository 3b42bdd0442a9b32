package io.slacker.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.slacker.cluster.ClusterClient;
import io.slacker.cluster.Grouping;
import io.slacker.cluster.GroupingPolicy;
import io.slacker.cluster.GroupingResults;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A class-wide cluster of two servers on the embedded ZooKeeper. */
class SlackerExtensionClusterTest {
    @RegisterExtension
    static final SlackerExtension slacker = SlackerExtension.cluster("ext-test").servers(2)
        .server(b -> b.expose(Greeter.class, new Greeter.Impl()));

    @Test
    void proxiesAndGroupedCallsReachEveryServer() {
        ClusterClient c = slacker.clusterClient();
        assertThat(c.proxy(Greeter.class).hello("you")).isEqualTo("hello, you");
        Object all = c.call("test.greeter", "hello", List.of("all"),
            GroupingPolicy.defaults().withSelector(Grouping.ALL).withMerger(GroupingResults.MAP).options());
        assertThat((Map<?, ?>) all).hasSize(2);
        assertThat(List.<Object>copyOf(((Map<?, ?>) all).values())).containsExactly("hello, all", "hello, all");
        assertThat(slacker.clusterServers()).hasSize(2);
        assertThat(slacker.zookeeper().connectString()).startsWith("127.0.0.1:");
    }

    @Test
    void eachServerIsReachableDirectly() {
        assertThat(slacker.client().call("test.greeter", "hello", List.of("x"))).isEqualTo("hello, x");
        assertThat(slacker.servers()).hasSize(2);
        assertThat(slacker.address(1)).isNotEqualTo(slacker.address(0));
    }
}
