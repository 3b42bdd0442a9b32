/**
 * Extension points: {@link io.slacker.spi.Interceptor}s that run around every call (server and
 * client) with a {@link io.slacker.spi.CallContext}, {@link io.slacker.spi.Serializer}s for
 * content types, and {@link io.slacker.spi.RemoteFunction}s exposed without an interface.
 */
package io.slacker.spi;
