package io.slacker.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.slacker.spring.sample.api.Greeter;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Wrong or missing properties fail the context with a message that names the property. */
class MisconfigurationTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(SlackerAutoConfiguration.class));

    @Test
    void aProxyWithoutAnyClientSaysWhatToSet() {
        runner.withPropertyValues("slacker.client.proxies=" + Greeter.class.getName()).run(ctx -> {
            assertThat(ctx).hasNotFailed();   // the proxy bean is lazy: the first injection fails
            Throwable error = catchThrowable(() -> ctx.getBean(Greeter.class));
            assertThat(error).rootCause().hasMessageContaining("slacker.client.address")
                .hasMessageContaining("slacker.cluster.zookeeper");
        });
    }

    @Test
    void aProxyThatIsNotAnInterfaceIsRefused() {
        runner.withPropertyValues("slacker.client.proxies=java.lang.String").run(ctx ->
            assertThat(ctx).hasFailed().getFailure().hasMessageContaining("java.lang.String is not an interface"));
    }

    @Test
    void anUnknownProxyIsRefused() {
        runner.withPropertyValues("slacker.client.proxies=no.such.Api").run(ctx ->
            assertThat(ctx).hasFailed().getFailure().hasMessageContaining("no such interface no.such.Api"));
    }

    @Test
    void noNamespaceBeanNoServer() {
        runner.run(ctx -> {
            assertThat(ctx).hasNotFailed();
            assertThat(ctx.getBean(SlackerServerLifecycle.class).isRunning()).isFalse();
        });
    }

    @Test
    void serverCanBeSwitchedOff() {
        runner.withPropertyValues("slacker.server.enabled=false").run(ctx ->
            assertThat(ctx).doesNotHaveBean(SlackerServerLifecycle.class));
    }
}
