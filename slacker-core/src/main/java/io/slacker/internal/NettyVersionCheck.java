package io.slacker.internal;

import io.netty.util.Version;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Refuses to start on a classpath whose Netty modules are older than 4.2 (or mixed with older
 * ones): another dependency declared before slacker (ZooKeeper, for one) can pull Netty 4.1 in,
 * and the server would otherwise die later with a {@link NoClassDefFoundError} that names no cause.
 */
public final class NettyVersionCheck {
    /** The Netty line slacker is built against. */
    public static final int REQUIRED_MAJOR = 4;
    /** The Netty line slacker is built against. */
    public static final int REQUIRED_MINOR = 2;

    private static volatile boolean checked;

    private NettyVersionCheck() {
    }

    /**
     * Checks the Netty modules on the classpath once per class loader.
     *
     * @throws IllegalStateException naming each older module and the fix
     */
    public static void require() {
        if (checked) {
            return;
        }
        Map<String, String> found = new TreeMap<>();
        for (Map.Entry<String, Version> e : Version.identify(NettyVersionCheck.class.getClassLoader()).entrySet()) {
            found.put(e.getKey(), e.getValue().artifactVersion());
        }
        problem(found).ifPresent(msg -> {
            throw new IllegalStateException(msg);
        });
        checked = true;
    }

    /**
     * The reason to refuse, if any.
     *
     * @param artifactVersions Netty artifact id to version, as {@link Version#identify()} reports them
     * @return a message naming the older modules, the required version and the fix; empty when all are 4.2 or newer
     */
    public static Optional<String> problem(Map<String, String> artifactVersions) {
        Map<String, String> older = new TreeMap<>();
        artifactVersions.forEach((artifact, version) -> {
            if (isOlder(version)) {
                older.put(artifact, version);
            }
        });
        if (older.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("slacker needs Netty " + REQUIRED_MAJOR + "." + REQUIRED_MINOR + " or newer, but found "
            + older + " on the classpath (another dependency brought an older Netty in). "
            + "Fix: import io.slacker:slacker-bom (type pom, scope import) in <dependencyManagement>, "
            + "before any other BOM, so that every Netty module is aligned; see docs/getting-started.md.");
    }

    /** True when the version is parseable and below 4.2. */
    static boolean isOlder(String version) {
        String[] parts = version.split("[.\\-]", 3);
        if (parts.length < 2) {
            return false;
        }
        try {
            int major = Integer.parseInt(parts[0]);
            int minor = Integer.parseInt(parts[1]);
            return major < REQUIRED_MAJOR || (major == REQUIRED_MAJOR && minor < REQUIRED_MINOR);
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
