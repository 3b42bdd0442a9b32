package io.slacker.spring.boot;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Injects a remote proxy of a {@code @Namespace} interface: on a field (injected like
 * {@code @Autowired}) or on a constructor parameter of a bean. The starter registers one proxy bean
 * per interface so annotated (through the cluster client with {@code slacker.cluster.*}, else the
 * client of {@code slacker.client.address}), without listing it in {@code slacker.client.proxies}.
 * Being a qualifier, it picks the proxy even when the application also has a local bean of that
 * interface (the one its own server exposes).
 *
 * <pre>{@code
 * @Component
 * class Welcome {
 *     Welcome(@RemoteService Greeter greeter) { ... }
 * }
 * }</pre>
 */
@Target({ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Autowired
@Qualifier
public @interface RemoteService {
}
