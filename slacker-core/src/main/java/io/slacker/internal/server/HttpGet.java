package io.slacker.internal.server;

import java.util.function.Supplier;

/** A plain GET endpoint of the HTTP transport (e.g. {@code /metrics}): its content type and body. */
public record HttpGet(String contentType, Supplier<String> body) {
}
