/**
 * The slacker binary protocol, versions 5 and 6: packet types as immutable records
 * ({@link io.slacker.internal.protocol.Frame}), the byte layout ({@link io.slacker.internal.protocol.FrameCodec})
 * and the Netty handlers that frame a TCP stream ({@link io.slacker.internal.protocol.FrameDecoder},
 * {@link io.slacker.internal.protocol.FrameEncoder}).
 */
package io.slacker.internal.protocol;
