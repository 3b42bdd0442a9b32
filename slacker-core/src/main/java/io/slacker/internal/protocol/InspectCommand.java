package io.slacker.internal.protocol;

/** Commands of an inspect request. */
public enum InspectCommand {
    /** Function names with a prefix. */
    FUNCTIONS(0),
    /** Metadata of one function. */
    META(1),
    /** The clients connected to the server. */
    CLIENTS(2);

    private final int code;

    InspectCommand(int code) {
        this.code = code;
    }

    /** The number on the wire. */
    public int code() {
        return code;
    }

    /** The command with this number, or {@code null}. */
    public static InspectCommand fromCode(int code) {
        return code >= 0 && code < values().length ? values()[code] : null;
    }
}
