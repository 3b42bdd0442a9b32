package io.slacker.internal.server;

import io.slacker.internal.protocol.Extension;
import io.slacker.internal.protocol.ResultCode;
import java.util.List;
import java.util.concurrent.Future;

/**
 * The transport's side of one call: where its outcome goes (a TCP response frame, or an HTTP
 * response) and how it ends. The lifecycle hooks let a transport interrupt a call.
 */
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

    /** The call ended (answered or abandoned); called once the answer, if any, is sent. */
    void done();

    /** Whether nobody waits for the answer any more (interrupted, or its connection closed). */
    default boolean abandoned() {
        return false;
    }

    /** The call starts running on the current thread; false when it was interrupted before (then it must not run). */
    default boolean begin() {
        return true;
    }

    /** The call's synchronous part on the current thread is over (the thread is not to be interrupted any more). */
    default void end() {
    }

    /** The call goes on asynchronously: an interrupt cancels {@code completion}. */
    default void pending(Future<?> completion) {
    }
}
