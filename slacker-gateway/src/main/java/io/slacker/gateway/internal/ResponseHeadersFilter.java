package io.slacker.gateway.internal;

import io.slacker.gateway.FilterType;
import io.slacker.gateway.RequestContext;

/** Post 100: adds the configured response headers (never overriding one a filter set). */
final class ResponseHeadersFilter extends BaseFilter {
    ResponseHeadersFilter() {
        super(FilterType.POST, 100);
    }

    @Override
    public boolean shouldFilter(RequestContext ctx) {
        return !ctx.config().responseHeaders().isEmpty();
    }

    @Override
    public void run(RequestContext ctx) {
        ctx.config().responseHeaders().forEach((k, v) -> {
            if (!ctx.responseHeaders().contains(k)) {
                ctx.responseHeaders().set(k, v);
            }
        });
    }
}
