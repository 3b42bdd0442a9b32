package io.slacker.dashboard;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads servers' Prometheus {@code /metrics} (the {@code slacker.server.calls} timer that
 * slacker-micrometer publishes) and turns two successive scrapes into call rate, error rate and
 * p99 latency (the upper bound of the histogram bucket holding the 99th percentile).
 */
final class MetricsScraper {
    private static final String CALLS = "slacker_server_calls_seconds";
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})?\\s+(\\S+).*$");
    private static final Pattern RESULT = Pattern.compile("result=\"([^\"]*)\"");
    private static final Pattern LE = Pattern.compile("le=\"([^\"]*)\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, Scrape> last = new ConcurrentHashMap<>();

    /** One scrape's totals over every tag set: calls, failed calls, cumulative buckets by upper bound. */
    record Scrape(long nanos, double calls, double errors, TreeMap<Double, Double> buckets) {
    }

    /** Scrapes {@code url}; the figures since the previous scrape of it, or null (first scrape, or unreachable). */
    ClusterSnapshot.CallFigures figures(String url) {
        Scrape now;
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                last.remove(url);
                return null;
            }
            now = parse(r.body(), System.nanoTime());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (Exception e) {
            last.remove(url);
            return null;
        }
        Scrape before = last.put(url, now);
        return before == null ? null : between(before, now);
    }

    /** Forgets servers no longer in the cluster. */
    void retain(java.util.Set<String> urls) {
        last.keySet().retainAll(urls);
    }

    static Scrape parse(String text, long nanos) {
        double calls = 0;
        double errors = 0;
        TreeMap<Double, Double> buckets = new TreeMap<>();
        for (String line : text.split("\n")) {
            if (!line.startsWith(CALLS)) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String labels = m.group(2) == null ? "" : m.group(2);
            double value = Double.parseDouble(m.group(3));
            if (m.group(1).equals(CALLS + "_count")) {
                calls += value;
                Matcher res = RESULT.matcher(labels);
                if (res.find() && !res.group(1).equals("success")) {
                    errors += value;
                }
            } else if (m.group(1).equals(CALLS + "_bucket")) {
                Matcher le = LE.matcher(labels);
                if (le.find()) {
                    double bound = le.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le.group(1));
                    buckets.merge(bound, value, Double::sum);
                }
            }
        }
        return new Scrape(nanos, calls, errors, buckets);
    }

    static ClusterSnapshot.CallFigures between(Scrape a, Scrape b) {
        double seconds = (b.nanos() - a.nanos()) / 1e9;
        double calls = b.calls() - a.calls();
        if (seconds <= 0 || calls < 0) {
            return null;   // a restarted server: counters went back
        }
        double errors = b.errors() - a.errors();
        Double p99 = null;
        if (calls > 0) {
            for (Map.Entry<Double, Double> e : b.buckets().entrySet()) {
                double delta = e.getValue() - a.buckets().getOrDefault(e.getKey(), 0.0);
                if (delta >= 0.99 * calls) {
                    p99 = Double.isInfinite(e.getKey()) ? null : e.getKey() * 1000;
                    break;
                }
            }
        }
        return new ClusterSnapshot.CallFigures(calls / seconds, calls > 0 ? errors / calls : 0, p99);
    }
}
