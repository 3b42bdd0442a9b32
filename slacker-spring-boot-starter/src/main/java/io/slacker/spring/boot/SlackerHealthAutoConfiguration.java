package io.slacker.spring.boot;

import org.apache.curator.framework.CuratorFramework;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** The {@code slacker} health indicator, when the application has Actuator ({@code management.health.slacker.enabled}). */
@AutoConfiguration(after = SlackerAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
@ConditionalOnEnabledHealthIndicator("slacker")
public class SlackerHealthAutoConfiguration {

    /** The indicator. */
    @Bean
    @ConditionalOnMissingBean(name = "slackerHealthIndicator")
    SlackerHealthIndicator slackerHealthIndicator(ObjectProvider<SlackerServerLifecycle> lifecycle,
                                                  ObjectProvider<CuratorFramework> curator) {
        return new SlackerHealthIndicator(lifecycle, curator);
    }
}
