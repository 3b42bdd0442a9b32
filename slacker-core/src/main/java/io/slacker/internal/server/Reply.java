package io.slacker.internal.server;

import io.slacker.internal.protocol.Extension;
import io.slacker.internal.protocol.ResultCode;
import java.util.List;

/** Where the outcome of one call goes: a TCP response frame, or an HTTP response. */
interface Reply {
    /** A response with a result code (success, exception, canceled) and its payload. */
    void respond(ResultCode code, byte[] data, List<Extension> extensions);

    /**
     * The argument payload did not decode: over TCP an exception result carrying
     * {@code encodedMessage}; over HTTP a 400.
     */
    default void undecodable(byte[] encodedMessage, List<Extension> extensions, String message) {
        respond(ResultCode.EXCEPTION, encodedMessage, extensions);
    }

    /** An error instead of a response (not-found, thread-pool-full, invalid-packet). */
    void error(ResultCode code, String reason);
}
