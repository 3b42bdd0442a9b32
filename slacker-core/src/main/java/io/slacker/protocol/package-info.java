/**
 * The slacker binary protocol, versions 5 and 6: packet types as immutable records
 * ({@link io.slacker.protocol.Frame}), the byte layout ({@link io.slacker.protocol.FrameCodec})
 * and the Netty handlers that frame a TCP stream ({@link io.slacker.protocol.FrameDecoder},
 * {@link io.slacker.protocol.FrameEncoder}).
 */
package io.slacker.protocol;
