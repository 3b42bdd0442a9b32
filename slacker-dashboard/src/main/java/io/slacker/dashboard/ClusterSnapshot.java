package io.slacker.dashboard;

import java.util.List;

/**
 * What the dashboard shows, as one immutable value (serialized to JSON for the page): the
 * cluster's namespaces with their servers and functions, and its servers with their data and
 * live call figures.
 */
record ClusterSnapshot(String cluster, String zookeeper, boolean connected, List<NamespaceView> namespaces,
                       List<ServerView> servers) {

    /** A namespace: its live servers (leader first), its leader, its published functions. */
    record NamespaceView(String name, String leader, List<String> servers, List<FunctionView> functions) {
    }

    /** A published function: name, docstring, argument lists (EDN text). */
    record FunctionView(String name, String doc, String arglists) {
    }

    /**
     * A server in {@code servers/}: online in the namespaces listed, leader of some, its server
     * data as EDN text, and its call figures when it exposes metrics (else null).
     */
    record ServerView(String address, List<String> namespaces, List<String> leaderOf, String data,
                      String metricsUrl, CallFigures metrics) {
    }

    /** Calls per second, share of failed calls, and the 99th percentile latency over the last interval. */
    record CallFigures(double callsPerSecond, double errorRate, Double p99Millis) {
    }
}
