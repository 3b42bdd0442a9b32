package io.slacker;

import io.slacker.spi.CallContext;
import io.slacker.spi.Interceptor;
import java.time.Duration;

/**
 * The deadline extension, as slacker's, as an ordinary interceptor for both sides: on the client
 * it puts the call's absolute deadline (epoch milliseconds: now + the call's
 * {@linkplain CallContext#timeout() timeout}) into an extension of every v6 call; on the server it
 * cancels a call whose deadline has passed before it runs (result code {@code canceled}). Opt-in on
 * both sides, with an extension id both agree on (slacker's convention is a negative id, e.g. -1).
 *
 * <pre>{@code
 * SlackerServer.builder().interceptor(new DeadlineInterceptor(-1))...
 * SlackerClient.builder().interceptor(new DeadlineInterceptor(-1))...   // or .deadline(-1)
 * }</pre>
 */
public final class DeadlineInterceptor implements Interceptor {
    private final int extensionId;

    /** A deadline interceptor on this extension id. */
    public DeadlineInterceptor(int extensionId) {
        if (extensionId < Short.MIN_VALUE || extensionId > Short.MAX_VALUE) {
            throw new IllegalArgumentException("extension id out of 16-bit range: " + extensionId);
        }
        this.extensionId = extensionId;
    }

    /** The extension id carrying the deadline. */
    public int extensionId() {
        return extensionId;
    }

    /** Client side: stamps the deadline (v6 calls with a known timeout). */
    @Override
    public void pre(CallContext call) {
        Duration timeout = call.timeout();
        if (call.clientSide() && call.protocolVersion() >= 6 && timeout != null) {
            call.extensions().put(extensionId, System.currentTimeMillis() + timeout.toMillis());
        }
    }

    /** Server side: cancels the call when its deadline has passed. */
    @Override
    public void before(CallContext call) {
        if (call.clientSide()) {
            return;
        }
        Object deadline = call.extension(extensionId);
        if (deadline instanceof Number n && n.longValue() < System.currentTimeMillis()) {
            call.cancel();
        }
    }
}
