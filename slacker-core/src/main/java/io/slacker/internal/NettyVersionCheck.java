package io.slacker.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Enumeration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Refuses to start on a classpath with a Netty module older than 4.2 (typically 4.1 modules mixed
 * with slacker's 4.2 ones): another dependency declared before slacker (ZooKeeper, for one) can pull Netty 4.1 in,
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
     * Checks the Netty modules on the classpath once.
     *
     * @throws IllegalStateException naming each older module and the fix
     */
    public static void require() {
        if (checked) {
            return;
        }
        problem(found(NettyVersionCheck.class.getClassLoader())).ifPresent(msg -> {
            throw new IllegalStateException(msg);
        });
        checked = true;
    }

    /**
     * The Netty modules on a class loader's classpath, by artifact id, from the version files every
     * Netty jar carries (as {@code io.netty.util.Version.identify()} reads them). Unlike
     * {@code identify()}, a module present in two versions is reported with the older one.
     */
    static Map<String, String> found(ClassLoader loader) {
        Map<String, String> found = new TreeMap<>();
        try {
            Enumeration<URL> files = loader.getResources("META-INF/io.netty.versions.properties");
            while (files.hasMoreElements()) {
                Properties p = new Properties();
                try (InputStream in = files.nextElement().openStream()) {
                    p.load(in);
                }
                for (String key : p.stringPropertyNames()) {
                    if (key.endsWith(".version")) {
                        String artifact = key.substring(0, key.length() - ".version".length());
                        String version = p.getProperty(key);
                        found.merge(artifact, version, (a, b) -> isOlderThan(b, a) ? b : a);
                    }
                }
            }
        } catch (IOException e) {
            // cannot tell: let Netty itself fail or work
        }
        return found;
    }

    /**
     * The reason to refuse, if any.
     *
     * @param artifactVersions Netty artifact id to version
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
        return isOlderThan(version, REQUIRED_MAJOR + "." + REQUIRED_MINOR + ".0");
    }

    /** True when both versions parse (major.minor.patch) and {@code a} is below {@code b}. */
    static boolean isOlderThan(String a, String b) {
        int[] x = parse(a);
        int[] y = parse(b);
        if (x == null || y == null) {
            return false;
        }
        for (int i = 0; i < 3; i++) {
            if (x[i] != y[i]) {
                return x[i] < y[i];
            }
        }
        return false;
    }

    private static int[] parse(String version) {
        String[] parts = version.split("[.\\-]", 4);
        if (parts.length < 2) {
            return null;
        }
        try {
            return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1]),
                parts.length > 2 && parts[2].matches("\\d+") ? Integer.parseInt(parts[2]) : 0};
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
