package io.slacker.interceptor;

/**
 * The deadline extension, as slacker's: the client puts the absolute deadline (epoch
 * milliseconds, now + the call's timeout) into an extension; the server cancels a call whose
 * deadline has passed before it runs (result code {@code canceled}). Opt-in on both sides, with an
 * extension id both agree on (slacker's convention is a negative id, e.g. -1).
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

    /** Server side: cancels the call when its deadline has passed. */
    @Override
    public void before(CallContext call) {
        Object deadline = call.extension(extensionId);
        if (deadline instanceof Number n && n.longValue() < System.currentTimeMillis()) {
            call.cancel();
        }
    }

    /**
     * Client side: sets the deadline extension to now + {@code timeoutMillis}.
     */
    public void stamp(CallContext call, long timeoutMillis) {
        call.extensions().put(extensionId, System.currentTimeMillis() + timeoutMillis);
    }
}
