package io.slacker.spring.boot;

import java.util.List;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Registers one bean per interface named in {@code slacker.client.proxies}: a remote proxy made
 * by {@link SlackerProxyFactory}, injectable by type into fields and constructor parameters.
 */
public class SlackerProxyRegistrar implements BeanDefinitionRegistryPostProcessor {
    /** Bean definition attribute marking a proxy bean (never exposed by the server). */
    public static final String PROXY_ATTRIBUTE = SlackerProxyRegistrar.class.getName() + ".proxy";

    private final Environment environment;

    /** A registrar reading the environment's {@code slacker.client.proxies}. */
    public SlackerProxyRegistrar(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        List<String> names = Binder.get(environment).bind("slacker.client.proxies", Bindable.listOf(String.class))
            .orElse(List.of());
        BeanFactory beanFactory = (BeanFactory) registry;
        for (String name : names) {
            Class<?> iface = load(name.trim());
            register(registry, beanFactory, iface);
        }
    }

    private static <T> void register(BeanDefinitionRegistry registry, BeanFactory beanFactory, Class<T> iface) {
        RootBeanDefinition def = new RootBeanDefinition(iface,
            () -> beanFactory.getBean(SlackerProxyFactory.class).proxy(iface));
        def.setAttribute(PROXY_ATTRIBUTE, Boolean.TRUE);
        def.setLazyInit(true);
        registry.registerBeanDefinition("slackerProxy." + iface.getName(), def);
    }

    private Class<?> load(String name) {
        Class<?> c;
        try {
            c = ClassUtils.forName(name, ClassUtils.getDefaultClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException("slacker.client.proxies: no such interface " + name, e);
        }
        if (!c.isInterface()) {
            throw new IllegalStateException("slacker.client.proxies: " + name + " is not an interface");
        }
        return c;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        // nothing: the definitions are registered above
    }
}
