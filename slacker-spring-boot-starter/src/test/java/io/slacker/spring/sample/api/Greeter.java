package io.slacker.spring.sample.api;

import io.slacker.Namespace;

/** The remote interface shared by the sample server and client. */
@Namespace("sample.greeter")
public interface Greeter {
    /** A greeting made on the server. */
    String hello(String name);

    /** Answers {@code millis} after that many milliseconds (to have a call in flight). */
    long slow(long millis);
}
