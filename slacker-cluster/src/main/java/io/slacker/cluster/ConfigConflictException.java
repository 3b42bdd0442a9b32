package io.slacker.cluster;

/**
 * A compare-and-set update of a {@link ClusterConfig} key lost: the key's version in ZooKeeper is
 * not the expected one (someone else wrote it first, or it does not exist, or it already exists).
 */
public final class ConfigConflictException extends ConfigException {
    private static final long serialVersionUID = 1L;

    private final String key;
    private final int expectedVersion;
    private final int actualVersion;

    /**
     * @param key             the key
     * @param expectedVersion the version the caller expected ({@link ClusterConfig#ABSENT}: none)
     * @param actualVersion   the version found ({@link ClusterConfig#ABSENT}: the key does not exist)
     */
    public ConfigConflictException(String key, int expectedVersion, int actualVersion) {
        super("config key '" + key + "' changed concurrently: expected " + describe(expectedVersion) + ", found "
            + describe(actualVersion));
        this.key = key;
        this.expectedVersion = expectedVersion;
        this.actualVersion = actualVersion;
    }

    private static String describe(int version) {
        return version == ClusterConfig.ABSENT ? "no value" : "version " + version;
    }

    /** The key. */
    public String key() {
        return key;
    }

    /** The version the caller expected. */
    public int expectedVersion() {
        return expectedVersion;
    }

    /** The version found in ZooKeeper ({@link ClusterConfig#ABSENT} when the key does not exist). */
    public int actualVersion() {
        return actualVersion;
    }

    @Override
    public io.slacker.ErrorCode code() {
        return io.slacker.ErrorCode.CONFIG_CONFLICT;
    }
}
