package io.slacker;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of this library, sent in hello packets and inspect answers. */
public final class Version {
    private static final String VERSION = load();

    private Version() {
    }

    /** The library version, e.g. {@code 0.1.0-SNAPSHOT}; empty when unknown (as slacker). */
    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "");
            return v.startsWith("${") ? "" : v;
        } catch (IOException e) {
            return "";
        }
    }
}
