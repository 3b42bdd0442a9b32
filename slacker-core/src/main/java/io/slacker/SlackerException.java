package io.slacker;

/** The root of every failure slacker reports. Unchecked, like all its subclasses. */
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
}
