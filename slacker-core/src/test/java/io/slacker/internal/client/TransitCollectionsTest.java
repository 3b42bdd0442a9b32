package io.slacker.internal.client;

import io.slacker.SlackerClient;

import static org.assertj.core.api.Assertions.assertThat;

import io.slacker.ContentType;
import io.slacker.data.ClojureList;
import io.slacker.data.Keyword;
import io.slacker.spi.RemoteFunction;
import io.slacker.SlackerServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Many sets and lists side by side are no nesting: 10,000 maps holding one of each go to the
 * server as an argument and come back as the answer, in both transit formats.
 */
public class TransitCollectionsTest {
    /** n maps {:id i, :tags #{...}, :path (...)}. */
    public static List<Object> records(int n) {
        List<Object> out = new ArrayList<>(n);
        for (long i = 0; i < n; i++) {
            Map<Object, Object> m = new LinkedHashMap<>();
            m.put(Keyword.of("id"), i);
            m.put(Keyword.of("tags"), new LinkedHashSet<>(List.of(Keyword.of("t" + i % 7), i)));
            m.put(Keyword.of("path"), ClojureList.of("a", i));
            out.add(m);
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(value = ContentType.class, names = {"TRANSIT_JSON", "TRANSIT_MSGPACK"})
    void tenThousandMapsWithSetsAndListsRoundTrip(ContentType type) {
        Map<String, RemoteFunction> fns = new LinkedHashMap<>();
        fns.put("echo", args -> args.get(0));
        fns.put("count-sets", args -> ((List<?>) args.get(0)).stream()
            .filter(r -> ((Map<?, ?>) r).get(Keyword.of("tags")) instanceof Set<?>
                && ((Map<?, ?>) r).get(Keyword.of("path")) instanceof ClojureList)
            .count());
        List<Object> records = records(10_000);
        try (SlackerServer server = SlackerServer.builder().host("127.0.0.1").port(0).expose("t", fns).start();
             SlackerClient client = SlackerClient.builder().address("127.0.0.1", server.port()).contentType(type)
                 .timeout(Duration.ofSeconds(60)).build()) {
            assertThat(client.call("t", "count-sets", List.of(records))).isEqualTo(10_000L);
            assertThat(client.call("t", "echo", List.of(records))).isEqualTo(records);
        }
    }
}
