package io.slacker.internal.protocol;

/** Result codes of response and error packets, with their wire numbers. */
public enum ResultCode {
    SUCCESS(0, "success"),
    NOT_FOUND(11, "not-found"),
    EXCEPTION(12, "exception"),
    THREAD_POOL_FULL(13, "thread-pool-full"),
    CANCELED(14, "canceled"),
    PROTOCOL_MISMATCH(20, "protocol-mismatch"),
    INVALID_PACKET(21, "invalid-packet"),
    ACL_REJECT(22, "acl-reject");

    private final int code;
    private final String wireName;
    private static final ResultCode[] ALL = values();

    ResultCode(int code, String wireName) {
        this.code = code;
        this.wireName = wireName;
    }

    /** The number on the wire. */
    public int code() {
        return code;
    }

    /** The Clojure keyword name, e.g. {@code "not-found"}. */
    public String wireName() {
        return wireName;
    }

    /** The result code with this number, or {@code null} when it is not in the table. */
    public static ResultCode fromCode(int code) {
        for (ResultCode r : ALL) {
            if (r.code == code) {
                return r;
            }
        }
        return null;
    }
}
