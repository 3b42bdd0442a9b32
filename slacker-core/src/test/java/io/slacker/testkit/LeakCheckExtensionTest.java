package io.slacker.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;

/** The leak check itself catches a buffer that is dropped without release. */
class LeakCheckExtensionTest {

    @Test
    void aDroppedBufferIsReported() {
        LeakCheckExtension.collect();
        LeakCheckExtension.drainLeaks();
        LeakCheckExtension.quiet = true;
        try {
            leakOne();
            LeakCheckExtension.collect();
            assertThat(LeakCheckExtension.drainLeaks()).anySatisfy(l -> assertThat(l).contains("ByteBuf"));
        } finally {
            LeakCheckExtension.quiet = false;
        }
    }

    private static void leakOne() {
        ByteBuf b = PooledByteBufAllocator.DEFAULT.directBuffer(16);
        b.writeInt(42);
        // dropped on purpose
    }
}
