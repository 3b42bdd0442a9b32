package io.slacker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * slacker-bom has no parent (importing it must not bring the build's test libraries), so its
 * versions are written twice: this keeps them equal to the build's.
 */
class BomAlignmentTest {
    private static final Path ROOT = Paths.get("..");

    private static String property(Path pom, String name) throws Exception {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(Files.readString(pom));
        assertThat(m.find()).as("<%s> in %s", name, pom).isTrue();
        return m.group(1).trim();
    }

    @Test
    void bomVersionsAreTheBuildsVersions() throws Exception {
        Path bom = ROOT.resolve("slacker-bom/pom.xml");
        Path parent = ROOT.resolve("pom.xml");
        assertThat(property(bom, "netty.version")).isEqualTo(property(parent, "netty.version"))
            .isEqualTo(NettyVersionCheck.found(getClass().getClassLoader()).get("netty-common"));
        assertThat(property(bom, "transit.version")).isEqualTo(property(parent, "transit.version"));
        assertThat(property(bom, "slacker.version")).isEqualTo(property(bom, "version"))
            .isEqualTo(property(ROOT.resolve("slacker-core/pom.xml"), "version"));
    }
}
