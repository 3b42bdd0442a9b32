package io.slacker.testkit;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class when Netty's leak detector (PARANOID in the build) reports a buffer that was
 * garbage-collected without being released. Registered for every test class through
 * {@code META-INF/services} (JUnit extension auto-detection, switched on by the build).
 *
 * <p>Leaks surface only after a GC, when a buffer is next allocated; so after each class this
 * collects garbage and allocates, and fails if anything was reported since the last check.
 */
public final class LeakCheckExtension implements AfterAllCallback {
    private static final List<String> LEAKS = new ArrayList<>();
    /** Set by the test of this check, so that its deliberate leak is not logged as an error. */
    static volatile boolean quiet;

    static {
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new RecordingFactory());
    }

    /** Leaks reported so far and not yet failed on (clears them). */
    public static List<String> drainLeaks() {
        synchronized (LEAKS) {
            List<String> copy = new ArrayList<>(LEAKS);
            LEAKS.clear();
            return copy;
        }
    }

    /** Collects garbage and pokes the detectors so that pending leaks are reported. */
    public static void collect() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            System.runFinalization();
            try {
                Thread.sleep(30);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            for (ByteBufAllocator a : List.of(PooledByteBufAllocator.DEFAULT, UnpooledByteBufAllocator.DEFAULT)) {
                a.directBuffer(1).release();
                a.heapBuffer(1).release();
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        collect();
        List<String> leaks = drainLeaks();
        if (!leaks.isEmpty()) {
            throw new AssertionError("Netty buffer leak(s) detected (after " + context.getDisplayName() + "):\n"
                + String.join("\n----\n", leaks));
        }
    }

    private static final class RecordingFactory extends ResourceLeakDetectorFactory {
        @Override
        @SuppressWarnings("deprecation")
        public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval, long maxActive) {
            return newResourceLeakDetector(resource, samplingInterval);
        }

        @Override
        public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval) {
            return new ResourceLeakDetector<>(resource, samplingInterval) {
                @Override
                protected void reportTracedLeak(String resourceType, String records) {
                    record(resourceType + " leaked:" + records);
                    if (!quiet) {
                        super.reportTracedLeak(resourceType, records);
                    }
                }

                @Override
                protected void reportUntracedLeak(String resourceType) {
                    record(resourceType + " leaked (untraced)");
                    if (!quiet) {
                        super.reportUntracedLeak(resourceType);
                    }
                }
            };
        }

        private static void record(String leak) {
            synchronized (LEAKS) {
                LEAKS.add(leak);
            }
        }
    }
}
