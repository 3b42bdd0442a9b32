package io.slacker.internal.protocol;

import io.slacker.ContentType;
import java.util.List;

/**
 * One packet of the slacker protocol. Every frame carries the protocol version (5 or 6) and a
 * transaction id; the records below are the packet types.
 *
 * <p>Codes that arrive from a peer are kept as numbers (a content type or inspect command not in
 * the table can still be represented, answered and re-encoded byte for byte); the typed
 * accessors give the enum or {@code null}. Byte arrays are not copied.
 */
public sealed interface Frame {
    /** Protocol version 6, the current one (hello packets, extensions). */
    int V6 = 6;
    /** Protocol version 5 (no hello, no extensions). */
    int V5 = 5;

    /** Protocol version of this frame. */
    int version();

    /** Transaction id. */
    int tid();

    /** Packet type. */
    PacketType type();

    /** A call: {@code ns/fn} and the serialized argument vector. */
    record Request(int version, int tid, int contentTypeCode, String fname, byte[] data,
                   List<Extension> extensions) implements Frame {
        /** Copies the extension list. */
        public Request {
            extensions = List.copyOf(extensions);
        }

        /** A request in a known content type. */
        public Request(int version, int tid, ContentType contentType, String fname, byte[] data,
                       List<Extension> extensions) {
            this(version, tid, contentType.code(), fname, data, extensions);
        }

        @Override
        public PacketType type() {
            return PacketType.REQUEST;
        }

        /** The content type, or {@code null} when the code is not in the table. */
        public ContentType contentType() {
            return ContentType.fromCode(contentTypeCode);
        }
    }

    /** The answer to a request: a result code and the serialized result (or exception message). */
    record Response(int version, int tid, int contentTypeCode, int resultCodeValue, byte[] data,
                    List<Extension> extensions) implements Frame {
        /** Copies the extension list. */
        public Response {
            extensions = List.copyOf(extensions);
        }

        /** A response in a known content type. */
        public Response(int version, int tid, ContentType contentType, ResultCode code, byte[] data,
                        List<Extension> extensions) {
            this(version, tid, contentType.code(), code.code(), data, extensions);
        }

        @Override
        public PacketType type() {
            return PacketType.RESPONSE;
        }

        /** The content type, or {@code null} when the code is not in the table. */
        public ContentType contentType() {
            return ContentType.fromCode(contentTypeCode);
        }

        /** The result code, or {@code null} when the number is not in the table. */
        public ResultCode resultCode() {
            return ResultCode.fromCode(resultCodeValue);
        }
    }

    /** Keep-alive probe. */
    record Ping(int version, int tid) implements Frame {
        @Override
        public PacketType type() {
            return PacketType.PING;
        }
    }

    /** Answer to a ping. */
    record Pong(int version, int tid) implements Frame {
        @Override
        public PacketType type() {
            return PacketType.PONG;
        }
    }

    /** A failure answered instead of a response (not-found, thread-pool-full, invalid-packet...). */
    record Error(int version, int tid, int resultCodeValue) implements Frame {
        /** An error frame with a known code. */
        public Error(int version, int tid, ResultCode code) {
            this(version, tid, code.code());
        }

        @Override
        public PacketType type() {
            return PacketType.ERROR;
        }

        /** The result code, or {@code null} when the number is not in the table. */
        public ResultCode resultCode() {
            return ResultCode.fromCode(resultCodeValue);
        }
    }

    /** Authentication request (in the table, unused by slacker). */
    record AuthRequest(int version, int tid, String auth) implements Frame {
        @Override
        public PacketType type() {
            return PacketType.AUTH_REQ;
        }
    }

    /** Authentication answer: 0 ok, 1 reject (in the table, unused by slacker). */
    record AuthAck(int version, int tid, int result) implements Frame {
        @Override
        public PacketType type() {
            return PacketType.AUTH_ACK;
        }
    }

    /** An inspect request; the argument is always EDN. */
    record InspectRequest(int version, int tid, int commandCode, byte[] data) implements Frame {
        /** An inspect request with a known command. */
        public InspectRequest(int version, int tid, InspectCommand command, byte[] data) {
            this(version, tid, command.code(), data);
        }

        @Override
        public PacketType type() {
            return PacketType.INSPECT_REQ;
        }

        /** The command, or {@code null} when the code is not in the table. */
        public InspectCommand command() {
            return InspectCommand.fromCode(commandCode);
        }
    }

    /** The answer to an inspect request, always EDN. */
    record InspectAck(int version, int tid, byte[] data) implements Frame {
        @Override
        public PacketType type() {
            return PacketType.INSPECT_ACK;
        }
    }

    /** Asks the server to interrupt the call with transaction id {@code targetTid}. */
    record Interrupt(int version, int tid, int targetTid) implements Frame {
        @Override
        public PacketType type() {
            return PacketType.INTERRUPT;
        }
    }

    /** Sent by a v6 client at connect: its version string and name. */
    record ClientHello(int version, int tid, String clientVersion, String clientName) implements Frame {
        @Override
        public PacketType type() {
            return PacketType.CLIENT_HELLO;
        }
    }

    /** The server's answer to a client hello: its version string. */
    record ServerHello(int version, int tid, String serverVersion) implements Frame {
        @Override
        public PacketType type() {
            return PacketType.SERVER_HELLO;
        }
    }
}
