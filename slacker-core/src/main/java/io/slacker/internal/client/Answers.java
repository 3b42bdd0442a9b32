package io.slacker.internal.client;

import io.slacker.CanceledException;
import io.slacker.NotFoundException;
import io.slacker.RemoteException;
import io.slacker.RemoteProtocolException;
import io.slacker.SlackerException;
import io.slacker.ThreadPoolFullException;
import io.slacker.data.Keyword;
import io.slacker.internal.protocol.ResultCode;
import io.slacker.spi.Serializer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** What an answer means for the caller: its decoded value, the server's exception, the exception for a result code. */
final class Answers {
    private Answers() {
    }

    static Object decode(Serializer ser, byte[] data, String what) {
        try {
            return ser.deserialize(data);
        } catch (RuntimeException e) {
            throw new SlackerException("cannot decode the answer to " + what + " (" + ser.contentType().wireName() + "): "
                + e.getMessage(), e);
        }
    }

    /** The server's exception message: a string, or the {@code :msg} of a map (debug servers). */
    static RemoteException remoteException(Serializer ser, byte[] data) {
        Object v;
        try {
            v = ser.deserialize(data);
        } catch (RuntimeException e) {
            return new RemoteException(new String(data, StandardCharsets.UTF_8), e);
        }
        if (v instanceof Map<?, ?> m) {
            Object msg = m.containsKey(Keyword.of("msg")) ? m.get(Keyword.of("msg")) : m.get("msg");
            if (msg != null) {
                return new RemoteException(String.valueOf(msg));
            }
        }
        return new RemoteException(String.valueOf(v));
    }

    /** The exception for a non-success result code. */
    static SlackerException errorFor(int code, String what) {
        ResultCode rc = ResultCode.fromCode(code);
        if (rc == null) {
            return new RemoteProtocolException("unknown result code " + code + " for " + what);
        }
        return switch (rc) {
            case NOT_FOUND -> new NotFoundException("not found on the server: " + what);
            case THREAD_POOL_FULL -> new ThreadPoolFullException("server thread pool full; " + what + " was not run");
            case CANCELED -> new CanceledException("server canceled " + what);
            case EXCEPTION -> new RemoteException("exception in " + what);
            case PROTOCOL_MISMATCH, INVALID_PACKET, ACL_REJECT ->
                new RemoteProtocolException("server answered " + rc.wireName() + " to " + what);
            case SUCCESS -> new RemoteProtocolException("error frame with code success for " + what);
        };
    }
}
