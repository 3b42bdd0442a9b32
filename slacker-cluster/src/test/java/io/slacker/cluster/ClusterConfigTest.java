package io.slacker.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.slacker.data.Keyword;
import io.slacker.internal.serialization.edn.EdnReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ClusterConfig against a real ZooKeeper: values, types, listeners, CAS, outages and session expiry. */
class ClusterConfigTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private TestingServer zk;
    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        zk = new TestingServer(true);
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        zk.close();
    }

    private ClusterConfig config(String app) {
        ClusterConfig c = ClusterConfig.builder().zookeeper(zk.getConnectString()).cluster("cfg-cluster").app(app)
            .sessionTimeout(Duration.ofSeconds(4)).connectTimeout(Duration.ofSeconds(10)).start();
        open.add(c);
        return c;
    }

    @Test
    void valuesAreEdnTextUnderTheClusterRootAndTyped() throws Exception {
        ClusterConfig c = config("greeter");
        assertThat(c.path()).isEqualTo("/slacker/cluster/cfg-cluster/config/greeter");
        assertThat(c.set("greeting", "Hello")).isZero();
        c.set("pool", 8L);
        c.setEdn("opts", "{:mode :fast, :ratio 0.5}");
        c.set("on", true);

        CuratorFramework raw = ClusterFixture.curator(zk.getConnectString());
        open.add(raw);
        byte[] stored = raw.getData().forPath("/slacker/cluster/cfg-cluster/config/greeter/opts");
        assertThat(EdnReader.standard().read(new String(stored, StandardCharsets.UTF_8)))
            .isEqualTo(Map.of(Keyword.of("mode"), Keyword.of("fast"), Keyword.of("ratio"), 0.5));
        assertThat(new String(raw.getData().forPath("/slacker/cluster/cfg-cluster/config/greeter/greeting"),
            StandardCharsets.UTF_8)).isEqualTo("\"Hello\"");

        assertThat(c.getString("greeting", "x")).isEqualTo("Hello");
        assertThat(c.getInt("pool", 1)).isEqualTo(8);
        assertThat(c.getLong("pool", 1)).isEqualTo(8L);
        assertThat(c.getDouble("pool", 1)).isEqualTo(8.0);
        assertThat(c.getBoolean("on", false)).isTrue();
        assertThat(c.getInt("missing", 42)).isEqualTo(42);
        assertThat(c.getString("missing", "dflt")).isEqualTo("dflt");
        assertThat(c.find("missing")).isEmpty();
        assertThat(c.snapshot()).containsOnlyKeys("greeting", "pool", "opts", "on");
        assertThat(c.text("opts")).contains("{:mode :fast, :ratio 0.5}");
        assertThat(c.version("greeting")).isZero();
        assertThat(c.version("missing")).isEqualTo(ClusterConfig.ABSENT);

        assertThatThrownBy(() -> c.getInt("greeting", 1)).isInstanceOf(ConfigException.class)
            .hasMessageContaining("'greeting' must be an integer, not \"Hello\"");
        assertThatThrownBy(() -> c.require("nope")).isInstanceOf(ConfigException.class)
            .hasMessageContaining("no config key 'nope' for app 'greeter' in cluster 'cfg-cluster'");

        assertThat(c.delete("on")).isTrue();
        assertThat(c.delete("on")).isFalse();
        assertThat(c.contains("on")).isFalse();
    }

    @Test
    void badInputIsRefusedClearly() throws Exception {
        ClusterConfig c = config("bad");
        assertThatThrownBy(() -> c.setEdn("k", "{:a 1")).isInstanceOf(ConfigException.class)
            .hasMessageContaining("invalid EDN '{:a 1'");
        assertThat(c.contains("k")).isFalse();
        assertThatThrownBy(() -> c.set("a/b", 1L)).isInstanceOf(ConfigException.class).hasMessageContaining("bad config key");
        assertThatThrownBy(() -> c.set("", 1L)).isInstanceOf(ConfigException.class);

        // a node written by hand with text that is not EDN: read as such, reported clearly
        CuratorFramework raw = ClusterFixture.curator(zk.getConnectString());
        open.add(raw);
        raw.create().forPath(c.path() + "/broken", "{oops".getBytes(StandardCharsets.UTF_8));
        await().atMost(WAIT).until(() -> c.text("broken").isPresent());
        assertThatThrownBy(() -> c.get("broken", null)).isInstanceOf(ConfigException.class)
            .hasMessageContaining("'broken' does not hold valid EDN").hasMessageContaining("{oops");
        assertThat(c.snapshot()).doesNotContainKey("broken");
    }

    @Test
    void compareAndSetByVersion() {
        ClusterConfig a = config("cas");
        ClusterConfig b = config("cas");
        assertThat(a.compareAndSet("n", 1L, ClusterConfig.ABSENT)).isZero();
        assertThatThrownBy(() -> b.compareAndSet("n", 9L, ClusterConfig.ABSENT))
            .isInstanceOfSatisfying(ConfigConflictException.class, e -> {
                assertThat(e.key()).isEqualTo("n");
                assertThat(e.actualVersion()).isZero();
            }).hasMessageContaining("expected no value, found version 0");
        assertThat(b.compareAndSet("n", 2L, 0)).isEqualTo(1);
        // a still believes version 0: loses, and the value stays b's
        assertThatThrownBy(() -> a.compareAndSet("n", 3L, 0))
            .isInstanceOf(ConfigConflictException.class).hasMessageContaining("expected version 0, found version 1");
        await().atMost(WAIT).until(() -> a.getLong("n", 0) == 2L);
        assertThat(a.compareAndSet("n", 3L, a.version("n"))).isEqualTo(2);
        assertThatThrownBy(() -> a.compareAndSet("gone", 1L, 4))
            .isInstanceOfSatisfying(ConfigConflictException.class, e -> assertThat(e.actualVersion()).isEqualTo(ClusterConfig.ABSENT));
    }

    @Test
    void changesReachThreeClientsAndTheirListeners() {
        ClusterConfig writer = config("shared");
        List<ClusterConfig> readers = List.of(config("shared"), config("shared"), config("shared"));
        List<List<ConfigChange>> seen = new ArrayList<>();
        for (ClusterConfig r : readers) {
            List<ConfigChange> changes = new CopyOnWriteArrayList<>();
            r.addListener(changes::add);
            seen.add(changes);
        }
        // ZooKeeper watches may skip intermediate values, never the last one: wait for each step
        for (Object value : List.of("Hi", "Hello")) {
            writer.set("greeting", value);
            for (List<ConfigChange> changes : seen) {
                await().atMost(WAIT).until(() -> !changes.isEmpty() && value.equals(changes.get(changes.size() - 1).newValue()));
            }
        }
        writer.delete("greeting");
        for (int i = 0; i < 3; i++) {
            List<ConfigChange> changes = seen.get(i);
            await().atMost(WAIT).until(() -> changes.stream().anyMatch(ConfigChange::deleted));
            assertThat(changes).extracting(ConfigChange::newValue).containsExactly("Hi", "Hello", null);
            assertThat(changes).extracting(ConfigChange::oldValue).containsExactly(null, "Hi", "Hello");
            assertThat(readers.get(i).contains("greeting")).isFalse();
        }
    }

    @Test
    void valuesSurviveAnOutageAndWatchesComeBackAfterRestartAndSessionExpiry() throws Exception {
        ClusterConfig writer = config("outage");
        CuratorFramework readerZk = io.slacker.cluster.internal.zk.Zk.connect(zk.getConnectString(), Duration.ofSeconds(4),
            Duration.ofSeconds(10));
        open.add(readerZk);
        ClusterConfig reader = ClusterConfig.builder().curator(readerZk).cluster("cfg-cluster").app("outage").start();
        open.add(reader);
        List<ConfigChange> changes = new CopyOnWriteArrayList<>();
        reader.addListener(changes::add);
        writer.set("level", 1L);
        await().atMost(WAIT).until(() -> reader.getLong("level", 0) == 1L);

        zk.stop();
        // ZooKeeper down: the last values are still served; writes fail clearly
        assertThat(reader.getLong("level", 0)).isEqualTo(1L);
        assertThat(reader.snapshot()).containsEntry("level", 1L);
        assertThatThrownBy(() -> writer.set("level", 5L)).isInstanceOf(ConfigException.class)
            .hasMessageContaining("cannot set config key 'level'");
        zk.restart();

        writer.set("level", 2L);
        await().atMost(WAIT).until(() -> reader.getLong("level", 0) == 2L);

        // the reader's session expires: its watches are gone with it; changes made meanwhile arrive,
        // and so do later ones (watches re-armed)
        readerZk.getZookeeperClient().getZooKeeper().getTestable().injectSessionExpiration();
        writer.set("level", 3L);
        writer.set("added", "new");
        await().atMost(WAIT).until(() -> reader.getLong("level", 0) == 3L && "new".equals(reader.getString("added", null)));
        writer.set("level", 4L);
        writer.delete("added");
        await().atMost(WAIT).until(() -> reader.getLong("level", 0) == 4L && !reader.contains("added"));
        assertThat(changes).extracting(ConfigChange::key).contains("level", "added");
    }
}
