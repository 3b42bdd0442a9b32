package io.slacker.gateway;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One step of the gateway's filter chain, in the style of Netflix Zuul: a {@linkplain #type() type}
 * (the stage it runs in), an {@linkplain #order() order} within that stage, a criterion
 * ({@link #shouldFilter}) and an action ({@link #run}).
 *
 * <p>For each request the gateway runs every {@link FilterType#PRE pre} filter by order, then the
 * {@link FilterType#ROUTE route} filters, then the {@link FilterType#POST post} filters; when a
 * filter throws (or the stage it {@linkplain RequestContext#await awaits} fails), the
 * {@link FilterType#ERROR error} filters run and then the post filters. Filters of any other type
 * run only where a filter asks for them ({@link RequestContext#runFilters}). Filters talk to each
 * other only through the {@link RequestContext}.
 *
 * <p>Filters are shared by all requests and called from I/O threads: they must be thread-safe and
 * must not block. A filter that needs to wait (a remote call) hands the future to
 * {@link RequestContext#await}; the chain goes on when it completes.
 *
 * <p>Add filters with {@link Gateway.Builder#filter} or as a {@link java.util.ServiceLoader}
 * service of this interface ({@code META-INF/services/io.slacker.gateway.GatewayFilter}).
 */
public interface GatewayFilter {

    /** The stage: one of {@link FilterType}'s constants or a custom name. */
    String type();

    /** The position within the stage; lower runs first. */
    int order();

    /** Whether {@link #run} applies to this request (default: always). */
    default boolean shouldFilter(RequestContext ctx) {
        return true;
    }

    /**
     * The action. Throwing (a {@link GatewayException} for a chosen HTTP status) sends the request
     * to the error filters.
     */
    void run(RequestContext ctx) throws Exception;

    /** A name for logs and {@code /_gateway/routes} (default: the simple class name). */
    default String name() {
        return getClass().getSimpleName();
    }

    /**
     * A filter from a criterion and an action, e.g.
     * {@code GatewayFilter.of("pre", 450, ctx -> true, ctx -> ctx.responseHeaders().set("X-Hello", "1"))}.
     */
    static GatewayFilter of(String type, int order, Predicate<RequestContext> criterion, Consumer<RequestContext> action) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(criterion, "criterion");
        Objects.requireNonNull(action, "action");
        return new GatewayFilter() {
            @Override
            public String type() {
                return type;
            }

            @Override
            public int order() {
                return order;
            }

            @Override
            public boolean shouldFilter(RequestContext ctx) {
                return criterion.test(ctx);
            }

            @Override
            public void run(RequestContext ctx) {
                action.accept(ctx);
            }

            @Override
            public String name() {
                return type + "-" + order;
            }
        };
    }
}
