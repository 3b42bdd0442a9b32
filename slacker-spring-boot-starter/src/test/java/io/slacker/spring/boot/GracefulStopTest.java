package io.slacker.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slacker.SlackerException;
import io.slacker.SlackerClient;
import io.slacker.spring.sample.api.Greeter;
import io.slacker.spring.sample.server.GreeterService;
import io.slacker.spring.sample.server.SampleServer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Closing the application context stops the slacker server gracefully: the call in flight gets its answer. */
class GracefulStopTest {

    @Test
    void contextCloseLetsTheCallInFlightFinish() throws Exception {
        GreeterService.slowStarted = new CountDownLatch(1);
        ConfigurableApplicationContext app = new SpringApplicationBuilder(SampleServer.class).web(WebApplicationType.NONE)
            .properties("slacker.server.host=127.0.0.1", "slacker.server.port=0", "slacker.server.shutdown-timeout=30s",
                "spring.main.banner-mode=off")
            .run();
        int port = app.getEnvironment().getRequiredProperty(SlackerServerLifecycle.LOCAL_PORT_PROPERTY, Integer.class);
        try (SlackerClient client = SlackerClient.builder().address("127.0.0.1:" + port).timeout(Duration.ofSeconds(30)).build()) {
            Greeter greeter = client.proxy(Greeter.class);
            CompletableFuture<Long> inFlight = CompletableFuture.supplyAsync(() -> greeter.slow(500));
            assertThat(GreeterService.slowStarted.await(30, TimeUnit.SECONDS)).isTrue();

            app.close();

            assertThat(app.isActive()).isFalse();
            assertThat(inFlight.get(30, TimeUnit.SECONDS)).isEqualTo(500L);
            assertThatThrownBy(() -> greeter.hello("late")).isInstanceOf(SlackerException.class);
        } finally {
            app.close();
        }
    }
}
