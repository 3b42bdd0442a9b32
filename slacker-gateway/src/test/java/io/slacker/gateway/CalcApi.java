package io.slacker.gateway;

import io.slacker.Namespace;
import java.util.List;
import java.util.Map;

/** The namespace the gateway tests call. */
@Namespace("gw.calc")
public interface CalcApi {
    long add(long a, long b);

    Object echo(Object x);

    /** The port of the server that answered. */
    long whoami();

    /** Throws with this message. */
    Object boom(String message);

    /** Sleeps, then answers. */
    long slow(long millis) throws InterruptedException;

    List<Object> pair(Object a, Object b);

    /** Waits until the test opens {@link Impl#GATE}. */
    String hold() throws InterruptedException;

    Map<String, Object> info();

    /** An implementation; {@code port[0]} is set once the server is up. */
    final class Impl implements CalcApi {
        /** What {@link #hold()} waits for. */
        static final java.util.concurrent.CountDownLatch GATE = new java.util.concurrent.CountDownLatch(1);

        private final int[] port;

        Impl(int[] port) {
            this.port = port;
        }

        @Override
        public long add(long a, long b) {
            return a + b;
        }

        @Override
        public Object echo(Object x) {
            return x;
        }

        @Override
        public long whoami() {
            return port[0];
        }

        @Override
        public Object boom(String message) {
            throw new IllegalStateException(message);
        }

        @Override
        public long slow(long millis) throws InterruptedException {
            Thread.sleep(millis);
            return millis;
        }

        @Override
        public List<Object> pair(Object a, Object b) {
            return java.util.Arrays.asList(a, b);
        }

        @Override
        public String hold() throws InterruptedException {
            GATE.await();
            return "released";
        }

        @Override
        public Map<String, Object> info() {
            return Map.of("name", "calc");
        }
    }
}
