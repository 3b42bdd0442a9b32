package io.slacker.internal.protocol;

/** Packet types with their wire numbers. Hello packets exist only in protocol version 6. */
public enum PacketType {
    REQUEST(0), RESPONSE(1), PING(2), PONG(3), ERROR(4), AUTH_REQ(5), AUTH_ACK(6),
    INSPECT_REQ(7), INSPECT_ACK(8), INTERRUPT(9), CLIENT_HELLO(10), SERVER_HELLO(11);

    private static final PacketType[] BY_CODE = values();

    private final int code;

    PacketType(int code) {
        this.code = code;
    }

    /** The number on the wire. */
    public int code() {
        return code;
    }

    /** Whether this packet type is defined in protocol {@code version}. */
    public boolean definedIn(int version) {
        return version == 6 || code <= INTERRUPT.code;
    }

    /** The packet type with this number, or {@code null}. */
    public static PacketType fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
