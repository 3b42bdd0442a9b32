package io.slacker.cluster.internal.dispatch;

import io.slacker.CallOptions;
import io.slacker.ErrorCode;
import io.slacker.SlackerException;
import io.slacker.cluster.ClusterObserver;
import io.slacker.cluster.FailWhen;
import io.slacker.cluster.Grouping;
import io.slacker.cluster.GroupedCallException;
import io.slacker.cluster.GroupingPolicy;
import io.slacker.cluster.ServerInfo;
import io.slacker.cluster.internal.membership.Member;
import io.slacker.cluster.internal.membership.Membership;
import io.slacker.cluster.internal.zk.NamespaceWatch;
import io.slacker.internal.client.Blocking;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one cluster call over the members of its namespace: the policy's selector picks the
 * servers, each gets the call (one server: with failover on {@link ErrorCode#CONNECTION_BROKEN}),
 * the failure rule decides, the merger combines.
 */
public final class Dispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final Membership membership;
    private final Function<String, Object> serverData;
    private final ClusterObserver observer;

    private record Outcome(String address, Object value, Throwable error) {
    }

    /**
     * @param serverData the decoded server data of an address (for selectors), or null
     * @param observer   told of failovers
     */
    public Dispatcher(Membership membership, Function<String, Object> serverData, ClusterObserver observer) {
        this.membership = membership;
        this.serverData = serverData;
        this.observer = observer;
    }

    /**
     * The call on this view; the future fails with {@link io.slacker.UnavailableException} (by
     * {@code unavailable}) when no server is picked.
     */
    public CompletableFuture<Object> dispatch(String ns, String fn, List<?> args, CallOptions options, GroupingPolicy policy,
                                              NamespaceWatch.View view, Function<String, CompletableFuture<Object>> unavailable) {
        List<Member> live = membership.live(view);
        if (live.isEmpty()) {
            return unavailable.apply("no server offers it");
        }
        List<Member> targets = choose(policy, ns, fn, args, preferHealthy(live), view.leader());
        if (targets.isEmpty()) {
            return unavailable.apply(policy.selector() == Grouping.LEADER ? "no live leader" : "no server selected");
        }
        if (targets.size() == 1) {
            boolean failover = policy.failover() > 0 && policy.selector() != Grouping.LEADER;
            CompletableFuture<Outcome> one = new CompletableFuture<>();
            callOne(ns, fn, args, options, policy, targets.get(0), failover ? policy.failover() : 0, new HashSet<>(), one);
            return one.thenApply(out -> {
                if (out.error() != null) {
                    throw new CompletionException(out.error());
                }
                return merge(policy, ns, fn, List.of(out));
            });
        }
        List<CompletableFuture<Outcome>> all = new ArrayList<>(targets.size());
        for (Member m : targets) {
            all.add(send(m, ns, fn, args, options));
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenApply(x -> {
            List<Outcome> outs = new ArrayList<>(all.size());
            for (CompletableFuture<Outcome> f : all) {
                outs.add(f.join());
            }
            return merge(policy, ns, fn, outs);
        });
    }

    /** One server, moving on to another one (up to {@code retries} times) when it cannot be reached. */
    private void callOne(String ns, String fn, List<?> args, CallOptions options, GroupingPolicy policy, Member m,
                         int retries, Set<String> tried, CompletableFuture<Outcome> result) {
        tried.add(m.address());
        send(m, ns, fn, args, options).whenComplete((out, never) -> {
            if (retries > 0 && GroupingPolicy.failsOver(code(out.error())) && !membership.isClosed()) {
                List<Member> rest = new ArrayList<>();
                for (Member c : membership.live(membership.watch(ns).view())) {
                    if (!tried.contains(c.address())) {
                        rest.add(c);
                    }
                }
                if (!rest.isEmpty()) {
                    List<Member> next = choose(policy, ns, fn, args, preferHealthy(rest), null);
                    Member n = next.isEmpty() ? rest.get(0) : next.get(0);
                    LOG.debug("{}/{}: {} unreachable ({}), failing over to {}", ns, fn, m.address(), out.error().getMessage(),
                        n.address());
                    observer.failover(ns, fn, m.address(), n.address());
                    callOne(ns, fn, args, options, policy, n, retries - 1, tried, result);
                    return;
                }
            }
            result.complete(out);
        });
    }

    private static ErrorCode code(Throwable t) {
        return t instanceof SlackerException se ? se.code() : null;
    }

    /** Sends one call; the outcome never completes exceptionally. */
    private static CompletableFuture<Outcome> send(Member m, String ns, String fn, List<?> args, CallOptions options) {
        CompletableFuture<Object> f;
        try {
            f = m.client().callAsync(ns, fn, args, options);
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        return f.handle((v, e) -> {
            Throwable err = e == null ? null : Blocking.unwrap(e);
            if (code(err) == ErrorCode.CONNECTION_BROKEN) {
                m.broken();
            } else {
                m.fine();
            }
            return new Outcome(m.address(), v, err);
        });
    }

    private static Object merge(GroupingPolicy policy, String ns, String fn, List<Outcome> outs) {
        Map<String, Object> ok = new LinkedHashMap<>();
        Map<String, Throwable> failed = new LinkedHashMap<>();
        for (Outcome o : outs) {
            if (o.error() == null) {
                ok.put(o.address(), o.value());
            } else {
                failed.put(o.address(), o.error());
            }
        }
        if (ok.isEmpty() || (policy.failWhen() == FailWhen.ANY && !failed.isEmpty())) {
            if (outs.size() == 1) {
                throw new CompletionException(failed.values().iterator().next());
            }
            throw new CompletionException(new GroupedCallException(ns + "/" + fn + " failed on " + failed.size() + " of "
                + outs.size() + " servers: " + failed.keySet(), failed));
        }
        return policy.merger().merge(ns, fn, Collections.unmodifiableMap(ok));
    }

    private List<Member> choose(GroupingPolicy policy, String ns, String fn, List<?> args, List<Member> candidates,
                                String leader) {
        List<ServerInfo> infos = new ArrayList<>(candidates.size());
        for (Member m : candidates) {
            infos.add(new ServerInfo(m.address(), m.address().equals(leader), serverData.apply(m.address()),
                m.client().inFlight()));
        }
        List<String> picked = policy.selector().select(ns, fn, args, Collections.unmodifiableList(infos));
        List<Member> out = new ArrayList<>(picked == null ? 0 : picked.size());
        if (picked != null) {
            for (String a : picked) {
                for (Member m : candidates) {
                    if (m.address().equals(a) && !out.contains(m)) {
                        out.add(m);
                    }
                }
            }
        }
        return out;
    }

    private static List<Member> preferHealthy(List<Member> live) {
        long now = System.currentTimeMillis();
        List<Member> healthy = new ArrayList<>(live.size());
        for (Member m : live) {
            if (m.healthy(now)) {
                healthy.add(m);
            }
        }
        return healthy.isEmpty() ? live : healthy;
    }
}
