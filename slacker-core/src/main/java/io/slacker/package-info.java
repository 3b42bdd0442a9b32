/**
 * The public face of slacker: {@link io.slacker.SlackerServer}, {@link io.slacker.SlackerClient}
 * and {@link io.slacker.SlackerCaller} (what every client is), {@link io.slacker.CallOptions},
 * {@link io.slacker.ContentType}, the annotations, and the exceptions with their
 * {@link io.slacker.ErrorCode}. Extension points are in {@code io.slacker.spi}, Clojure data types
 * in {@code io.slacker.data}; {@code io.slacker.internal} is implementation.
 */
package io.slacker;
