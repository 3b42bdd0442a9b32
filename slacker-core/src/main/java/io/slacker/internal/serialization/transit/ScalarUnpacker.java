package io.slacker.internal.serialization.transit;

import java.io.IOException;
import org.msgpack.MessagePack;
import org.msgpack.MessageTypeException;
import org.msgpack.type.Value;
import org.msgpack.type.ValueFactory;
import org.msgpack.unpacker.MessagePackBufferUnpacker;

/**
 * msgpack's buffer unpacker with a direct {@link #readValue()} for scalars. transit-java's
 * msgpack parser reads every string, integer, float and boolean through {@code readValue()},
 * which in msgpack 0.6 builds a converter with its own stack per value and then decodes strings
 * again through a fresh {@code CharsetDecoder}; here the typed readers do the work (strings still
 * decoded strictly: malformed UTF-8 is an error, as before). Collections keep msgpack's path.
 */
final class ScalarUnpacker extends MessagePackBufferUnpacker {
    ScalarUnpacker(MessagePack msgpack) {
        super(msgpack);
    }

    @Override
    public Value readValue() throws IOException {
        switch (getNextType()) {
            case RAW:
                return ValueFactory.createRawValue(readString());
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
