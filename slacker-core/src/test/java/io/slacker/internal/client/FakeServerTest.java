package io.slacker.internal.client;

import io.slacker.SlackerClient;
import io.slacker.internal.serialization.edn.EdnSerializer;
import io.slacker.spi.Serializers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** Tests of the client against {@link FakeServer}s: servers and clients made here close after each test, newest first. */
abstract class FakeServerTest {
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        Collections.reverse(toClose);
        for (AutoCloseable c : toClose) {
            c.close();
        }
        toClose.clear();
    }

    /** Closes {@code c} after the test. */
    final <T extends AutoCloseable> T closeLater(T c) {
        toClose.add(c);
        return c;
    }

    final FakeServer server(FakeServer.Behavior b) throws InterruptedException {
        return closeLater(new FakeServer(b));
    }

    final SlackerClient client(SlackerClient.Builder b) {
        return closeLater(b.build());
    }

    /** A client of {@code address} with EDN only (no deflate variants) and a 5 s timeout. */
    static SlackerClient.Builder builder(String address) {
        return SlackerClient.builder().address(address)
            .serializers(Serializers.builder().register(EdnSerializer.standard()).deriveDeflate(false).build())
            .timeout(Duration.ofSeconds(5));
    }
}
