package io.slacker.spi;

import io.slacker.SlackerException;

/** Bytes that do not decode, or a value that cannot be encoded, in some content type. */
public class SerializationException extends SlackerException {
    private static final long serialVersionUID = 1L;

    /** A serialization failure with a message. */
    public SerializationException(String message) {
        super(message);
    }

    /** A serialization failure with a message and its cause. */
    public SerializationException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public io.slacker.ErrorCode code() {
        return io.slacker.ErrorCode.SERIALIZATION;
    }
}
