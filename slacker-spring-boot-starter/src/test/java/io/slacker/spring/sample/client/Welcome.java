package io.slacker.spring.sample.client;

import io.slacker.spring.sample.api.Greeter;
import org.springframework.stereotype.Component;

/** An ordinary bean whose constructor takes the remote {@link Greeter} (a proxy from {@code slacker.client.proxies}). */
@Component
public class Welcome {
    private final Greeter greeter;

    /** Spring injects the proxy. */
    public Welcome(Greeter greeter) {
        this.greeter = greeter;
    }

    /** The server's greeting, in a sentence. */
    public String welcome(String name) {
        return "The server says: " + greeter.hello(name);
    }
}
