package io.slacker.server;

import java.util.function.Supplier;

/** A plain GET endpoint of the HTTP transport (e.g. {@code /metrics}): its content type and body. */
record HttpGet(String contentType, Supplier<String> body) {
}
