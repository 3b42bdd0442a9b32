package io.slacker.internal.serialization.edn;

import io.slacker.data.Symbol;
import java.util.Objects;

/**
 * A tagged literal that no handler interpreted, e.g. {@code #my/point [1 2]}. Produced by
 * {@link TagHandler#KEEP}; the printer writes it back as {@code #tag form}, as Clojure prints its
 * {@code clojure.lang.TaggedLiteral}.
 *
 * @param tag  the tag, without {@code #}
 * @param form the form after the tag
 */
public record TaggedLiteral(Symbol tag, Object form) {
    /** Checks that the tag is present. */
    public TaggedLiteral {
        Objects.requireNonNull(tag, "tag");
    }
}
