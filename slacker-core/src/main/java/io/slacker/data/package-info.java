/**
 * The Clojure data types that have no Java counterpart: {@link io.slacker.data.Keyword},
 * {@link io.slacker.data.Symbol}, {@link io.slacker.data.Ratio} and
 * {@link io.slacker.data.ClojureList}. Every content type decodes into these, and accepts them
 * for encoding.
 */
package io.slacker.data;
