package io.slacker.spring.boot;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Parameter;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.util.ClassUtils;

/** Finds the interfaces of {@link RemoteService} fields and constructor parameters in the registered bean classes. */
final class RemoteServiceScan {
    private RemoteServiceScan() {
    }

    static Set<Class<?>> interfaces(BeanDefinitionRegistry registry) {
        Set<Class<?>> out = new LinkedHashSet<>();
        for (String name : registry.getBeanDefinitionNames()) {
            BeanDefinition def = registry.getBeanDefinition(name);
            String className = def.getBeanClassName();
            if (className == null || def.getFactoryMethodName() != null) {
                continue;
            }
            Class<?> type;
            try {
                type = ClassUtils.forName(className, ClassUtils.getDefaultClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                continue;   // not ours to judge: Spring reports it when it makes the bean
            }
            scan(type, out);
        }
        return out;
    }

    private static void scan(Class<?> type, Set<Class<?>> out) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.isAnnotationPresent(RemoteService.class)) {
                    out.add(checked(f.getType(), f.toString()));
                }
            }
            for (Constructor<?> k : c.getDeclaredConstructors()) {
                for (Parameter p : k.getParameters()) {
                    if (p.isAnnotationPresent(RemoteService.class)) {
                        out.add(checked(p.getType(), k + " parameter " + p.getName()));
                    }
                }
            }
        }
    }

    private static Class<?> checked(Class<?> type, String where) {
        if (!type.isInterface()) {
            throw new IllegalStateException("@RemoteService on " + where + ": " + type.getName() + " is not an interface");
        }
        return type;
    }
}
