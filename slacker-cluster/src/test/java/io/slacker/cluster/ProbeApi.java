package io.slacker.cluster;

import io.slacker.Namespace;

/** Test functions telling which server answered. */
@Namespace("slacker.test.probe")
public interface ProbeApi {
    /** The answering server's port. */
    long whoami();

    /** Throws on the server with this port, else returns its port. */
    long failOn(long port);

    /** Sleeps, then returns the port. */
    long slow(long millis) throws InterruptedException;

    /** Implementation. */
    final class Impl implements ProbeApi {
        private final int[] port;

        Impl(int[] port) {
            this.port = port;
        }

        @Override
        public long whoami() {
            return port[0];
        }

        @Override
        public long failOn(long p) {
            if (p == port[0]) {
                throw new IllegalStateException("failing on " + p);
            }
            return port[0];
        }

        @Override
        public long slow(long millis) throws InterruptedException {
            Thread.sleep(millis);
            return port[0];
        }
    }
}
