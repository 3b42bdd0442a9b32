package io.slacker.internal.protocol;

/**
 * What {@link FrameDecoder} passes down the pipeline for bytes that are not a valid frame, in
 * place of a {@link Frame}.
 *
 * @param error what was wrong, with the error frame to answer and whether the stream goes on
 */
public record InvalidFrame(MalformedFrameException error) {
}
