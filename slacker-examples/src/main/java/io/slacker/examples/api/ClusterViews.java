package io.slacker.examples.api;

import io.slacker.Callback;
import io.slacker.Function;
import io.slacker.Namespace;
import io.slacker.cluster.Grouped;
import io.slacker.cluster.Grouping;
import io.slacker.cluster.GroupingResults;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Cluster-client views of the example API: one remote function, several groupings. */
@Namespace("slacker.example.api")
public interface ClusterViews {
    /** The server time of one server, chosen at random (the client's default grouping). */
    long timestamp();

    /** The server time of every server, as a vector (leader first). */
    @Grouped(value = Grouping.ALL, results = GroupingResults.VECTOR)
    @Function("timestamp")
    List<Long> allTimestamps();

    /** The counter of the server with the fewest calls in flight, in a map keyed by host:port. */
    @Grouped(value = Grouping.LEAST_IN_FLIGHT, results = GroupingResults.MAP)
    @Function("get-m")
    Map<String, Long> leastBusyCounter();

    /** Asynchronous: returns at once. */
    @Function("timestamp")
    CompletableFuture<Long> timestampAsync();

    /** Callback style. */
    @Function("rand-ints")
    void randInts(int n, Callback<List<Long>> callback);

    /** Always fails on the server. */
    Object makeError();
}
