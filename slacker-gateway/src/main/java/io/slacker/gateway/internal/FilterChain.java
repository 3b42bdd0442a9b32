package io.slacker.gateway.internal;

import io.slacker.gateway.FilterType;
import io.slacker.gateway.GatewayException;
import io.slacker.gateway.GatewayFilter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the filters of one request: pre by order, then route, then post; on a failure the error
 * filters, then post. A filter that {@linkplain DefaultRequestContext#await awaits} a stage
 * suspends the chain, which resumes on {@code executor} (the connection's event loop) when the
 * stage completes; no thread waits.
 */
public final class FilterChain {
    private static final Logger LOG = LoggerFactory.getLogger(FilterChain.class);

    private final Map<String, List<GatewayFilter>> byType = new TreeMap<>();
    private final List<GatewayFilter> all;

    /** A chain of these filters (ordered by type and order here). */
    public FilterChain(List<GatewayFilter> filters) {
        List<GatewayFilter> sorted = new ArrayList<>(filters);
        sorted.sort(Comparator.comparing(GatewayFilter::type).thenComparingInt(GatewayFilter::order));
        for (GatewayFilter f : sorted) {
            byType.computeIfAbsent(f.type(), t -> new ArrayList<>()).add(f);
        }
        this.all = List.copyOf(sorted);
    }

    /** Every filter, by type and order. */
    public List<GatewayFilter> filters() {
        return all;
    }

    /** Runs the whole chain; the stage completes (never exceptionally) when the response is ready. */
    public CompletionStage<Void> process(DefaultRequestContext ctx, Executor executor) {
        return runType(ctx, FilterType.PRE, executor)
            .thenCompose(v -> runType(ctx, FilterType.ROUTE, executor))
            .thenRun(() -> {
                if (!ctx.hasResponse()) {
                    throw new GatewayException(404, "not-found", "no route for " + ctx.method() + " " + ctx.path());
                }
            })
            .handle((v, e) -> e)
            .thenCompose(e -> {
                if (e == null) {
                    return CompletableFuture.<Void>completedFuture(null);
                }
                ctx.error(unwrap(e));
                return runErrorFilters(ctx, executor);
            })
            .thenCompose(v -> runType(ctx, FilterType.POST, executor))
            .handle((v, e) -> e)
            .thenCompose(e -> {
                if (e == null) {
                    return CompletableFuture.<Void>completedFuture(null);
                }
                ctx.error(unwrap(e));
                return runErrorFilters(ctx, executor);
            });
    }

    private CompletionStage<Void> runErrorFilters(DefaultRequestContext ctx, Executor executor) {
        return runType(ctx, FilterType.ERROR, executor).handle((v, e) -> {
            if (e != null) {
                LOG.warn("error filter failed", unwrap(e));
            }
            if (e != null || !ctx.hasResponse() || ctx.responseStatus() < 400) {
                ctx.respond(500, "application/json", "{\"error\":\"internal\",\"message\":\"unhandled gateway error\",\"data\":null}"
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            return null;
        });
    }

    /** Runs the filters of one type in order (continuing where an awaited stage completes). */
    CompletionStage<Void> runType(DefaultRequestContext ctx, String type) {
        return runType(ctx, type, Runnable::run);
    }

    private CompletionStage<Void> runType(DefaultRequestContext ctx, String type, Executor executor) {
        List<GatewayFilter> filters = byType.getOrDefault(type, List.of());
        return runFrom(ctx, filters, 0, executor);
    }

    private CompletionStage<Void> runFrom(DefaultRequestContext ctx, List<GatewayFilter> filters, int from, Executor executor) {
        for (int i = from; i < filters.size(); i++) {
            GatewayFilter f = filters.get(i);
            CompletionStage<?> pending;
            try {
                if (!f.shouldFilter(ctx)) {
                    continue;
                }
                f.run(ctx);
                pending = ctx.takePending();
            } catch (Throwable e) { // a failing filter must never leave the request hanging
                ctx.takePending();
                return CompletableFuture.failedFuture(e);
            }
            if (pending != null) {
                int next = i + 1;
                CompletableFuture<Void> resumed = new CompletableFuture<>();
                pending.whenCompleteAsync((v, e) -> {
                    if (e != null) {
                        resumed.completeExceptionally(unwrap(e));
                    } else {
                        runFrom(ctx, filters, next, executor).whenComplete((v2, e2) -> {
                            if (e2 != null) {
                                resumed.completeExceptionally(unwrap(e2));
                            } else {
                                resumed.complete(null);
                            }
                        });
                    }
                }, executor);
                return resumed;
            }
        }
        return CompletableFuture.completedFuture(null);
    }

    /** The cause inside CompletionException/ExecutionException wrappers. */
    public static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
