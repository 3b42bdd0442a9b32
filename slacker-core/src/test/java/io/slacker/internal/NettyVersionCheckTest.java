package io.slacker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.Map;
import org.junit.jupiter.api.Test;

class NettyVersionCheckTest {

    @Test
    void aligned42ClasspathPasses() {
        assertThat(NettyVersionCheck.problem(Map.of(
            "netty-common", "4.2.18.Final", "netty-transport", "4.2.18.Final", "netty-handler", "4.2.19.Final")))
            .isEmpty();
    }

    @Test
    void newerLinesPass() {
        assertThat(NettyVersionCheck.problem(Map.of("netty-common", "4.3.0.Alpha1", "netty-buffer", "5.0.0.Final")))
            .isEmpty();
    }

    @Test
    void mixedClasspathNamesTheOlderModulesAndTheFix() {
        // what a user got with ZooKeeper declared before slacker
        assertThat(NettyVersionCheck.problem(Map.of(
            "netty-common", "4.1.130.Final", "netty-transport", "4.2.18.Final", "netty-handler", "4.1.130.Final")))
            .hasValueSatisfying(msg -> assertThat(msg)
                .contains("Netty 4.2 or newer")
                .contains("netty-common=4.1.130.Final")
                .contains("netty-handler=4.1.130.Final")
                .doesNotContain("netty-transport")
                .contains("io.slacker:slacker-bom"));
    }

    @Test
    void olderMajorIsRefused() {
        assertThat(NettyVersionCheck.problem(Map.of("netty", "3.10.6.Final"))).isPresent();
    }

    @Test
    void unparseableVersionsAreNotJudged() {
        assertThat(NettyVersionCheck.isOlder("unknown")).isFalse();
        assertThat(NettyVersionCheck.isOlder("4.x")).isFalse();
        assertThat(NettyVersionCheck.isOlder("4.1.118.Final")).isTrue();
    }

    @Test
    void thisBuildsClasspathPasses() {
        assertThatCode(NettyVersionCheck::require).doesNotThrowAnyException();
    }
}
