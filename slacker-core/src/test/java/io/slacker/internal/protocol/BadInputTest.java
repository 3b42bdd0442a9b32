package io.slacker.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.OutputStream;
import java.net.Socket;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bytes that are not valid frames, sent over real loopback sockets. */
class BadInputTest {
    private static final HexFormat HEX = HexFormat.of();
    private static FrameServerFixture server;

    @BeforeAll
    static void start() throws Exception {
        server = new FrameServerFixture(1024);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String exchangeUntilClose(String hexOut) throws Exception {
        try (Socket s = server.connect()) {
            OutputStream out = s.getOutputStream();
            out.write(HEX.parseHex(hexOut));
            out.flush();
            return HEX.formatHex(FrameServerFixture.readToEof(s));
        }
    }

    @Test
    void unknownVersionGetsProtocolMismatchAndClose() throws Exception {
        // version 7, tid 0x37, ping; then a valid ping that must not be answered
        assertThat(exchangeUntilClose("070000003702" + "060000003802")).isEqualTo("06000000370414");
    }

    @Test
    void unknownVersionWithTooFewBytesForATidStillAnswers() throws Exception {
        assertThat(exchangeUntilClose("09")).isEqualTo("06000000000414");
    }

    @Test
    void unknownPacketTypeGetsInvalidPacketAndClose() throws Exception {
        assertThat(exchangeUntilClose("06000000391e" + "060000003a02")).isEqualTo("06000000390415");
    }

    @Test
    void bodyOverTheMaximumIsRefusedBeforeItArrives() throws Exception {
        // request declaring a 4 GiB payload; only the header is ever sent: the answer must come at once
        String header = "0600000005" + "00" + "02" + "0001" + "61" + "ffffffff";
        assertThat(exchangeUntilClose(header)).isEqualTo("06000000050415");
    }

    @Test
    void bodyJustOverTheConfiguredMaximumIsRefused() throws Exception {
        // max is 1024 in this fixture: a 1025-byte payload declaration is refused
        String header = "0600000006" + "00" + "02" + "0001" + "61" + "00000401";
        assertThat(exchangeUntilClose(header)).isEqualTo("06000000060415");
    }

    @Test
    void aV5HelloIsRefusedAndTheConnectionGoesOn() throws Exception {
        try (Socket s = server.connect()) {
            s.getOutputStream().write(HEX.parseHex("05000000000a000f302e31382e302d534e415053484f540000" + "050000003d02"));
            assertThat(HEX.formatHex(FrameServerFixture.read(s, 7))).isEqualTo("05000000000415");
            assertThat(HEX.formatHex(FrameServerFixture.read(s, 6))).isEqualTo("050000003d03");
        }
    }

    @Test
    void truncatedFrameThenDisconnectLeaksNothing() throws Exception {
        for (int i = 0; i < 200; i++) {
            try (Socket s = server.connect()) {
                // a request cut in the middle of its payload
                s.getOutputStream().write(HEX.parseHex("0600000001000200036162630000000a5b31"));
                s.getOutputStream().flush();
            }
        }
        // the server is still fine
        try (Socket s = server.connect()) {
            s.getOutputStream().write(HEX.parseHex("060000000102"));
            assertThat(HEX.formatHex(FrameServerFixture.read(s, 6))).isEqualTo("060000000103");
        }
    }

    @Test
    void truncatedFrameInAnEmbeddedChannelIsReleasedOnClose() {
        EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder());
        ByteBuf partial = PooledByteBufAllocator.DEFAULT.directBuffer();
        partial.writeBytes(HEX.parseHex("0600000001000200036162630000000a5b31"));
        ch.writeInbound(partial);
        assertThat((Object) ch.readInbound()).isNull();
        assertThat(ch.finish()).isFalse();
        // the leak check (after the class) fails the build if the cumulation was not released
    }

    @Test
    void afterAFatalErrorLaterBytesAreDiscardedNotBuffered() {
        EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(64));
        ch.writeInbound(PooledByteBufAllocator.DEFAULT.buffer().writeBytes(HEX.parseHex("06000000011e")));
        InvalidFrame bad = ch.readInbound();
        assertThat(bad.error().recoverable()).isFalse();
        for (int i = 0; i < 100; i++) {
            ch.writeInbound(PooledByteBufAllocator.DEFAULT.buffer().writeZero(4096));
        }
        assertThat((Object) ch.readInbound()).isNull();
        assertThat(ch.finish()).isFalse();
    }
}
