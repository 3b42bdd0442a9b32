package io.slacker.testing;

import io.slacker.Namespace;

/** What the test servers expose. */
@Namespace("test.greeter")
public interface Greeter {
    String hello(String name);

    /** The implementation. */
    final class Impl implements Greeter {
        @Override
        public String hello(String name) {
            return "hello, " + name;
        }
    }
}
