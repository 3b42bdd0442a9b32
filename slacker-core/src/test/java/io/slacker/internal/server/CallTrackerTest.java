package io.slacker.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.slacker.ContentType;
import io.slacker.internal.protocol.Frame;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link CallTracker}'s table: calls in sequence, tids that meet in a slot at every size, a
 * repeated tid, answers leaving in any order, and a closed connection.
 */
class CallTrackerTest {
    private final CallGate gate = new CallGate();
    private final CallTracker tracker = new CallTracker(gate);
    private final Outbox outbox = new Outbox(new EmbeddedChannel());

    private TrackedCall started(int tid) {
        TrackedCall call = new TrackedCall(tracker, outbox, new Frame.Request(6, tid, ContentType.CLJ, "a/b", new byte[0], List.of()));
        assertThat(tracker.start(call)).isTrue();
        return call;
    }

    @Test
    void everyRunningCallCanBeFoundUntilItsAnswerIsWritten() {
        List<TrackedCall> calls = new ArrayList<>();
        // 3,000 in sequence, plus tids that share slots at every table size (multiples of 1,024 apart)
        for (int tid = 1; tid <= 3000; tid++) {
            calls.add(started(tid));
        }
        for (int k = 1; k <= 5; k++) {
            calls.add(started(7 + k * 1024 * 1024));
        }
        assertThat(tracker.size()).isEqualTo(calls.size());
        // answers leave in an order unlike the requests': every other one first
        for (int i = 0; i < calls.size(); i += 2) {
            tracker.answered(calls.get(i));
        }
        assertThat(tracker.size()).isEqualTo(calls.size() / 2);
        for (int i = 0; i < calls.size(); i++) {
            assertThat(tracker.interrupt(calls.get(i).tid())).as("tid %d", calls.get(i).tid()).isEqualTo(i % 2 == 1);
        }
        assertThat(tracker.size()).isZero();
        // an interrupt ends its call at once; the answered ones were never ended here
        assertThat(gate.inFlight()).isEqualTo((calls.size() + 1) / 2);
    }

    @Test
    void aRepeatedTidReplacesTheOlderCallAsAMapWould() {
        TrackedCall older = started(5);
        started(5 + 16); // meets tid 5 in the first table
        TrackedCall newer = started(5);
        tracker.answered(older); // not the registered one: nothing leaves
        assertThat(tracker.size()).isEqualTo(2);
        assertThat(tracker.interrupt(5)).isTrue();
        assertThat(newer.abandoned()).isTrue();
        assertThat(older.abandoned()).isFalse();
        assertThat(tracker.interrupt(5)).isFalse();
    }

    @Test
    void aClosedConnectionAbandonsEveryCall() {
        List<TrackedCall> calls = new ArrayList<>();
        for (int tid = 0; tid < 2000; tid += 3) {
            calls.add(started(tid));
        }
        calls.add(started(1 << 20));
        tracker.abandonAll();
        assertThat(calls).allSatisfy(c -> assertThat(c.abandoned()).isTrue());
        assertThat(tracker.size()).isZero();
    }
}
