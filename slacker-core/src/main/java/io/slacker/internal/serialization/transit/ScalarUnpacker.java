package io.slacker.internal.serialization.transit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.msgpack.MessagePack;
import org.msgpack.MessageTypeException;
import org.msgpack.type.Value;
import org.msgpack.type.ValueFactory;
import org.msgpack.unpacker.MessagePackBufferUnpacker;

/**
 * msgpack's buffer unpacker with a direct {@link #readValue()} for scalars. transit-java's
 * msgpack parser reads every string, integer, float and boolean through {@code readValue()},
 * which in msgpack 0.6 builds a converter with its own stack per value and then decodes strings
 * again through a fresh {@code CharsetDecoder}; here the typed readers do the work. Strings are
 * read as bytes and made into a string directly when they are ASCII, the common case (msgpack's
 * string reader runs a decoder into a char buffer for each); others are decoded strictly, so
 * malformed UTF-8 is an error, as before. Collections keep msgpack's path.
 */
final class ScalarUnpacker extends MessagePackBufferUnpacker {
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

    ScalarUnpacker(MessagePack msgpack) {
        super(msgpack);
    }

    /** UTF-8, strictly: ASCII (the common case) without a decoder pass. */
    private String string(byte[] b) throws IOException {
        for (byte x : b) {
            if (x < 0) {
                try {
                    return utf8.decode(ByteBuffer.wrap(b)).toString();
                } catch (CharacterCodingException e) {
                    throw new MessageTypeException(e);
                }
            }
        }
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    @Override
    public Value readValue() throws IOException {
        switch (getNextType()) {
            case RAW:
                return ValueFactory.createRawValue(string(readByteArray()));
            case INTEGER:
                try {
                    return ValueFactory.createIntegerValue(readLong());
                } catch (MessageTypeException e) {
                    // an unsigned 64-bit value above Long.MAX_VALUE: the value is still unread
                    return ValueFactory.createIntegerValue(readBigInteger());
                }
            case FLOAT:
                return ValueFactory.createFloatValue(readDouble());
            case BOOLEAN:
                return ValueFactory.createBooleanValue(readBoolean());
            case NIL:
                readNil();
                return ValueFactory.createNilValue();
            default:
                return super.readValue();
        }
    }
}
