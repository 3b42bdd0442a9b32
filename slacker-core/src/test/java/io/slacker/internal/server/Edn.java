package io.slacker.internal.server;

import io.slacker.ContentType;
import io.slacker.internal.protocol.Extension;
import io.slacker.internal.protocol.Frame;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Builds EDN requests from text and reads EDN payloads as text, for raw-socket server tests. */
final class Edn {
    private Edn() {
    }

    static Frame.Request request(int tid, String fname, String ednArgs) {
        return new Frame.Request(6, tid, ContentType.CLJ, fname, ednArgs.getBytes(StandardCharsets.UTF_8), List.of());
    }

    static Frame.Request request(int tid, String fname, String ednArgs, List<Extension> extensions) {
        return new Frame.Request(6, tid, ContentType.CLJ, fname, ednArgs.getBytes(StandardCharsets.UTF_8), extensions);
    }

    static String text(byte[] data) {
        return new String(data, StandardCharsets.UTF_8);
    }

    static byte[] bytes(String edn) {
        return edn.getBytes(StandardCharsets.UTF_8);
    }
}
