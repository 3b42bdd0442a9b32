package io.slacker;

/**
 * The root of every failure slacker reports. Unchecked, like all its subclasses. Decide on
 * {@link #code()} rather than on the class: it is stable and survives wrapping in other types.
 */
public class SlackerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A failure with a message. */
    public SlackerException(String message) {
        super(message);
    }

    /** A failure with a message and its cause. */
    public SlackerException(String message, Throwable cause) {
        super(message, cause);
    }

    /** What went wrong, as a stable code ({@link ErrorCode#INTERNAL} unless a subclass says otherwise). */
    public ErrorCode code() {
        return ErrorCode.INTERNAL;
    }
}
