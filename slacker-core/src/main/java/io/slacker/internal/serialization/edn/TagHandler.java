package io.slacker.internal.serialization.edn;

import io.slacker.data.Symbol;

/**
 * Turns a tagged literal such as {@code #my/point [1 2]} into a value while reading EDN. The
 * reader calls it with the tag and the form that followed it, already read.
 *
 * <p>A handler may throw; a {@link io.slacker.spi.SerializationException} passes
 * through, any other runtime exception is wrapped in one.
 */
@FunctionalInterface
public interface TagHandler {

    /** A handler that keeps the literal as a {@link TaggedLiteral}, which prints back unchanged. */
    TagHandler KEEP = TaggedLiteral::new;

    /**
     * The value of a tagged literal.
     *
     * @param tag  the tag, without {@code #}
     * @param form the form after the tag, in the data model
     */
    Object read(Symbol tag, Object form);
}
