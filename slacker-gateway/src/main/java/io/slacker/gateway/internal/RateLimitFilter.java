package io.slacker.gateway.internal;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.slacker.gateway.FilterType;
import io.slacker.gateway.GatewayConfig.KeyLimit;
import io.slacker.gateway.GatewayException;
import io.slacker.gateway.RequestContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Pre 400: a token bucket per API key ({@code rate}/s, {@code burst}); 429 with {@code Retry-After} when empty. */
final class RateLimitFilter extends BaseFilter {
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    RateLimitFilter() {
        super(FilterType.PRE, 400);
    }

    @Override
    public boolean shouldFilter(RequestContext ctx) {
        Object key = ctx.attribute(API_KEY);
        if (key == null || ctx.hasResponse()) {
            return false;
        }
        KeyLimit l = ctx.config().keys().get((String) key);
        return l != null && l.rate() > 0;
    }

    @Override
    public void run(RequestContext ctx) {
        String key = (String) ctx.attribute(API_KEY);
        KeyLimit limit = ctx.config().keys().get(key);
        // a changed limit gets a fresh bucket
        TokenBucket b = buckets.compute(key, (k, old) -> old != null && old.limit().equals(limit) ? old : new TokenBucket(limit));
        long waitNanos = b.take(System.nanoTime());
        if (waitNanos > 0) {
            ctx.responseHeaders().set(HttpHeaderNames.RETRY_AFTER, String.valueOf(Math.max(1, (waitNanos + 999_999_999) / 1_000_000_000)));
            throw new GatewayException(429, "too-many-requests", "rate limit of " + limit.rate() + "/s exceeded");
        }
    }

    /** A token bucket; thread-safe. */
    static final class TokenBucket {
        private final KeyLimit limit;
        private double tokens;
        private long last;

        TokenBucket(KeyLimit limit) {
            this.limit = limit;
            this.tokens = limit.burst();
            this.last = System.nanoTime();
        }

        KeyLimit limit() {
            return limit;
        }

        /** Takes a token: 0 when granted, else the nanoseconds until one is available. */
        synchronized long take(long now) {
            tokens = Math.min(limit.burst(), tokens + (now - last) / 1e9 * limit.rate());
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) ((1 - tokens) / limit.rate() * 1e9);
        }
    }
}
