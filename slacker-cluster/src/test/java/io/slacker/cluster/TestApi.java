package io.slacker.cluster;

import io.slacker.Doc;
import io.slacker.Namespace;
import java.util.List;

/** The cluster example namespace of slacker-cluster ({@code slacker.example.api}), for tests. */
@Namespace("slacker.example.api")
public interface TestApi {
    long timestamp();

    @Doc("test collection result")
    List<Long> randInts(int n);

    long incM(long amount);

    long getM();

    @Doc("test runtime exception")
    Object makeError();

    Object randomException(double poss);

    Object echo(Object x);

    Object longRunning() throws InterruptedException;

    /** Test helper: the server's port, to tell which server answered. */
    static TestApi impl(int[] portHolder) {
        return new Impl(portHolder);
    }

    /** An implementation; {@code echo} returns its argument, {@code get-m} the port of the server. */
    final class Impl implements TestApi {
        private final int[] port;
        private long m;

        Impl(int[] port) {
            this.port = port;
        }

        @Override
        public long timestamp() {
            return System.currentTimeMillis();
        }

        @Override
        public List<Long> randInts(int n) {
            return java.util.stream.LongStream.range(0, n).boxed().toList();
        }

        @Override
        public synchronized long incM(long amount) {
            return m += amount;
        }

        @Override
        public long getM() {
            return port[0];
        }

        @Override
        public Object makeError() {
            throw new RuntimeException("Excepted exception.");
        }

        @Override
        public Object randomException(double poss) {
            if (Math.random() < poss) {
                throw new RuntimeException("random");
            }
            return "ok";
        }

        @Override
        public Object echo(Object x) {
            return x;
        }

        @Override
        public Object longRunning() throws InterruptedException {
            Thread.sleep(100_000);
            return null;
        }
    }
}
