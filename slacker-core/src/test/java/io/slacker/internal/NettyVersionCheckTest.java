package io.slacker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    void aModulePresentTwiceCountsWithItsOlderVersion(@TempDir Path dir) throws Exception {
        Path newer = versionFile(dir.resolve("newer"), "netty-transport", "4.2.18.Final");
        Path older = versionFile(dir.resolve("older"), "netty-transport", "4.1.138.Final");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {newer.toUri().toURL(), older.toUri().toURL()}, null)) {
            assertThat(NettyVersionCheck.found(loader)).containsEntry("netty-transport", "4.1.138.Final");
            assertThat(NettyVersionCheck.problem(NettyVersionCheck.found(loader))).isPresent();
        }
    }

    private static Path versionFile(Path root, String artifact, String version) throws Exception {
        Path f = root.resolve("META-INF/io.netty.versions.properties");
        Files.createDirectories(f.getParent());
        Files.writeString(f, artifact + ".version=" + version + "\n" + artifact + ".commitDate=2025-01-01\n");
        return root;
    }

    @Test
    void versionOrdering() {
        assertThat(NettyVersionCheck.isOlderThan("4.1.138.Final", "4.2.0")).isTrue();
        assertThat(NettyVersionCheck.isOlderThan("4.2.18.Final", "4.2.9.Final")).isFalse();
        assertThat(NettyVersionCheck.isOlderThan("4.2.9.Final", "4.2.18.Final")).isTrue();
    }

    @Test
    void thisBuildsClasspathPasses() {
        assertThat(NettyVersionCheck.found(getClass().getClassLoader()))
            .containsEntry("netty-common", io.netty.util.Version.identify().get("netty-common").artifactVersion());
        assertThatCode(NettyVersionCheck::require).doesNotThrowAnyException();
    }
}
