package io.slacker.spring.sample.client;

import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Profile;

/**
 * The sample client application, e.g. with {@code --slacker.client.address=127.0.0.1:2104
 * --slacker.client.proxies=io.slacker.spring.sample.api.Greeter} (or {@code slacker.cluster.*}).
 */
@SpringBootApplication
public class SampleClient {
    /** Prints one welcome and exits. */
    public static void main(String[] args) {
        SpringApplication.exit(SpringApplication.run(SampleClient.class, args));
    }

    /** The one call of the command-line run (not in tests). */
    @Bean
    @Profile("!test")
    CommandLineRunner welcomeOnce(Welcome welcome) {
        return args -> System.out.println(welcome.welcome("Ada"));
    }
}
