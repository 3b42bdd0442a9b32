package io.slacker.internal.serialization.transit;

import com.cognitect.transit.ArrayReader;
import com.cognitect.transit.DefaultReadHandler;
import com.cognitect.transit.MapReader;
import com.cognitect.transit.ReadHandler;
import com.cognitect.transit.impl.AbstractEmitter;
import com.cognitect.transit.impl.AbstractParser;
import com.cognitect.transit.impl.JsonEmitter;
import com.cognitect.transit.impl.JsonParser;
import com.cognitect.transit.impl.MsgpackEmitter;
import com.cognitect.transit.impl.MsgpackParser;
import com.cognitect.transit.impl.ReadCache;
import com.cognitect.transit.impl.ReaderFactory;
import com.cognitect.transit.impl.WriteCache;
import com.cognitect.transit.impl.WriteHandlerMap;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.msgpack.MessagePack;

/**
 * One thread's transit machinery, built once and reused for every value that thread writes or
 * reads: what {@code TransitFactory.writer/reader} would build per call (a Jackson factory or a
 * {@link MessagePack} with its template registry, a copy of the handler map, the 1,936-entry
 * read cache) made that call cost ~30 times an EDN round trip.
 *
 * <p>The emitter (over a Jackson generator or msgpack packer) and the msgpack unpacker are kept
 * too; per call only a Jackson parser and the transit parser over it are new. The generator is
 * told to write no root-value separator (Jackson puts a space between root values written by
 * one generator), so the bytes are exactly those of a new transit writer. The caches are reset at the start of every value ({@code init()}), so a value
 * that failed half-way leaves nothing behind for the next one.
 *
 * <p>Not thread-safe: {@link TransitSerializer} keeps one per thread, and a new one for the rare
 * nested use on a thread whose codec is busy.
 */
final class TransitCodec {
    /** Thread-safe once configured (it is never reconfigured). */
    private static final JsonFactory JSON = new JsonFactory();
    /** Thread-safe for creating packers and unpackers; costly to build (its template registry). */
    private static final MessagePack MSGPACK = new MessagePack();
    /** A buffer that grew past this is dropped after use rather than kept by the thread. */
    private static final int KEEP_BUFFER_BYTES = 64 * 1024;
    /** What transit's readers do with an unknown tag: keep it as a {@code TaggedValue}. */
    private static final DefaultReadHandler<?> UNKNOWN_TAG = ReaderFactory.defaultDefaultHandler();

    private final boolean json;
    /**
     * Per thread: transit-java memoizes handler look-ups in it, unsynchronized, and hands it to
     * its map handler, so that handler (ours) is per thread too.
     */
    private final WriteHandlerMap writeHandlers =
        new WriteHandlerMap(TransitHandlers.withMapHandler(new PlainKeyMapHandler()));
    private final WriteCache writeCache = new SmallWriteCache();
    private final ReadCache readCache = new ReadCache();
    private final KeywordStrings keywords = new KeywordStrings();
    /** The generator's or packer's output. */
    private OutputBytes out;
    /**
     * The emitter over a generator or packer over {@link #out}; reused while that output is, and
     * dropped after a failed write. The JSON generator writes no separator between root values,
     * so each value's bytes are exactly what a fresh writer would write.
     */
    private AbstractEmitter emitter;
    /** Reused for every msgpack read; dropped after a failed one (its stack may be unbalanced). */
    private ScalarUnpacker unpacker;
    private boolean busy;

    TransitCodec(boolean json) {
        this.json = json;
    }

    /** Whether this codec is in use on its thread right now (a nested call must take another). */
    boolean busy() {
        return busy;
    }

    /** The transit bytes of {@code data} (already rewritten into transit's types). */
    byte[] write(Object data) throws Exception {
        busy = true;
        boolean ok = false;
        try {
            if (emitter == null) {
                emitter = newEmitter();
            } else {
                out.reset();
            }
            emitter.emit(data, false, writeCache.init());
            emitter.flushWriter();
            ok = true;
            return out.toByteArray();
        } finally {
            if (!ok || out.size() > KEEP_BUFFER_BYTES) {
                emitter = null;
            }
            busy = false;
        }
    }

    /** transit-java's emitters, on fresh output, writing each keyword's string from {@link #keywords}. */
    private AbstractEmitter newEmitter() throws IOException {
        out = new OutputBytes(256);
        if (json) {
            JsonGenerator gen = JSON.createGenerator(out);
            gen.setRootValueSeparator(null);
            return new JsonEmitter(gen, writeHandlers, null, null) {
                @Override
                public void emitString(String prefix, String tag, String s, boolean asMapKey, WriteCache cache)
                        throws Exception {
                    String k = keywords.of(prefix, tag, s);
                    super.emitString(k == null ? prefix : null, k == null ? tag : null, k == null ? s : k, asMapKey, cache);
                }
            };
        }
        return new MsgpackEmitter(out.packer(MSGPACK), writeHandlers, null, null) {
            @Override
            public void emitString(String prefix, String tag, String s, boolean asMapKey, WriteCache cache)
                    throws Exception {
                String k = keywords.of(prefix, tag, s);
                super.emitString(k == null ? prefix : null, k == null ? tag : null, k == null ? s : k, asMapKey, cache);
            }
        };
    }

    /** Reads one transit value from {@code data} with these handlers and builders. */
    Object read(byte[] data, Map<String, ReadHandler<?, ?>> handlers,
                MapReader<?, Map<Object, Object>, Object, Object> mapBuilder,
                ArrayReader<?, List<Object>, Object> arrayBuilder) throws IOException {
        busy = true;
        try {
            if (json) {
                try (com.fasterxml.jackson.core.JsonParser jp = JSON.createParser(data)) {
                    return parse(new JsonParser(jp, handlers, UNKNOWN_TAG, mapBuilder, arrayBuilder));
                }
            }
            ScalarUnpacker u = unpacker == null ? new ScalarUnpacker(MSGPACK) : unpacker;
            unpacker = null;
            u.wrap(data);
            Object value = parse(new MsgpackParser(u, handlers, UNKNOWN_TAG, mapBuilder, arrayBuilder));
            unpacker = u;
            return value;
        } finally {
            busy = false;
        }
    }

    private Object parse(AbstractParser parser) throws IOException {
        return parser.parse(readCache.init());
    }
}
