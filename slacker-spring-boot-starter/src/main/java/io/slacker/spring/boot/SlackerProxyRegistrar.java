package io.slacker.spring.boot;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Registers one bean per remote interface: those named in {@code slacker.client.proxies} and those
 * of fields and constructor parameters annotated {@link RemoteService} in the application's bean
 * classes. Each is a remote proxy made by {@link SlackerProxyFactory}, injectable by type (and by
 * the {@link RemoteService} qualifier) into fields and constructor parameters.
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
        Set<Class<?>> ifaces = new LinkedHashSet<>();
        for (String name : names) {
            ifaces.add(load(name.trim()));
        }
        ifaces.addAll(RemoteServiceScan.interfaces(registry));
        for (Class<?> iface : ifaces) {
            register(registry, beanFactory, iface);
        }
    }

    private static <T> void register(BeanDefinitionRegistry registry, BeanFactory beanFactory, Class<T> iface) {
        String name = "slackerProxy." + iface.getName();
        if (registry.containsBeanDefinition(name)) {
            return;
        }
        RootBeanDefinition def = new RootBeanDefinition(iface,
            () -> beanFactory.getBean(SlackerProxyFactory.class).proxy(iface));
        def.setAttribute(PROXY_ATTRIBUTE, Boolean.TRUE);
        def.addQualifier(new AutowireCandidateQualifier(RemoteService.class));
        def.setLazyInit(true);
        registry.registerBeanDefinition(name, def);
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
