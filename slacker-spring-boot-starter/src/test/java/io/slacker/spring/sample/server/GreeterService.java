package io.slacker.spring.sample.server;

import io.slacker.spring.sample.api.Greeter;
import java.util.concurrent.CountDownLatch;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/** A Spring bean implementing a {@code @Namespace} interface: the starter exposes it. */
@Service
public class GreeterService implements Greeter {
    /** Counted down when a {@link #slow} call has begun (tests wait on it). */
    public static volatile CountDownLatch slowStarted = new CountDownLatch(1);

    private final String greeting;

    /** The greeting word comes from the application's properties. */
    public GreeterService(@Value("${sample.greeting:hello}") String greeting) {
        this.greeting = greeting;
    }

    @Override
    public String hello(String name) {
        return greeting + ", " + name;
    }

    @Override
    public long slow(long millis) {
        slowStarted.countDown();
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return millis;
    }
}
