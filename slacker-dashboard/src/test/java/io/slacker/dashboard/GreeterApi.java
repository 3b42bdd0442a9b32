package io.slacker.dashboard;

import io.slacker.Doc;
import io.slacker.Namespace;

/** A small namespace with documented functions, for the dashboard tests. */
@Namespace("dashboard.greeter")
public interface GreeterApi {
    @Doc("Says hello to someone.")
    String greet(String name);

    @Doc("Fails on purpose.")
    String fail();

    /** The implementation. */
    final class Impl implements GreeterApi {
        @Override
        public String greet(String name) {
            return "hello " + name;
        }

        @Override
        public String fail() {
            throw new IllegalStateException("on purpose");
        }
    }
}
