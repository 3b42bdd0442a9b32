package io.slacker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The module exports the API packages only, and nothing public in them shows an internal type. */
class ApiBoundaryTest {
    private static final Set<String> API = Set.of("io.slacker", "io.slacker.spi", "io.slacker.data");

    private static Path classes() throws URISyntaxException {
        return Path.of(SlackerServer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static ModuleDescriptor descriptor() throws IOException, URISyntaxException {
        try (InputStream in = Files.newInputStream(classes().resolve("module-info.class"))) {
            return ModuleDescriptor.read(in);
        }
    }

    @Test
    void exportsTheApiPackagesOnly() throws Exception {
        ModuleDescriptor d = descriptor();
        assertThat(d.name()).isEqualTo("io.slacker.core");
        Set<String> open = d.exports().stream().filter(e -> !e.isQualified()).map(ModuleDescriptor.Exports::source)
            .collect(Collectors.toSet());
        assertThat(open).isEqualTo(API);
        assertThat(d.exports().stream().filter(ModuleDescriptor.Exports::isQualified))
            .allSatisfy(e -> assertThat(e.targets()).isSubsetOf("io.slacker.cluster", "io.slacker.gateway"));
    }

    @Test
    void publicSignaturesOfTheApiShowNoInternalType() throws Exception {
        List<String> leaks = new ArrayList<>();
        for (Class<?> c : apiClasses()) {
            if (!Modifier.isPublic(c.getModifiers())) {
                continue;
            }
            check(c.getName(), c.getGenericSuperclass(), leaks);
            for (Type t : c.getGenericInterfaces()) {
                check(c.getName(), t, leaks);
            }
            for (Method m : c.getDeclaredMethods()) {
                if (visible(m)) {
                    check(c.getName() + "." + m.getName(), m.getGenericReturnType(), leaks);
                    params(c.getName() + "." + m.getName(), m, leaks);
                }
            }
            for (Constructor<?> k : c.getDeclaredConstructors()) {
                if (visible(k)) {
                    params(c.getName() + ".<init>", k, leaks);
                }
            }
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isPublic(f.getModifiers()) || Modifier.isProtected(f.getModifiers())) {
                    check(c.getName() + "." + f.getName(), f.getGenericType(), leaks);
                }
            }
        }
        assertThat(leaks).isEmpty();
    }

    @Test
    void everyExceptionSaysItsOwnCode() throws Exception {
        List<String> without = new ArrayList<>();
        for (Class<?> c : apiClasses()) {
            if (SlackerException.class.isAssignableFrom(c) && c != SlackerException.class) {
                try {
                    c.getDeclaredMethod("code");
                } catch (NoSuchMethodException e) {
                    without.add(c.getName());
                }
            }
        }
        assertThat(without).isEmpty();
    }

    private static boolean visible(Executable e) {
        return !e.isSynthetic() && (Modifier.isPublic(e.getModifiers()) || Modifier.isProtected(e.getModifiers()));
    }

    private static void params(String where, Executable e, List<String> leaks) {
        for (Type t : e.getGenericParameterTypes()) {
            check(where, t, leaks);
        }
    }

    private static void check(String where, Type t, List<String> leaks) {
        if (t != null && t.getTypeName().contains("io.slacker.internal.")) {
            leaks.add(where + ": " + t.getTypeName());
        }
    }

    private static Set<Class<?>> apiClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = classes();
        Set<Class<?>> out = new java.util.LinkedHashSet<>();
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(p -> p.toString().endsWith(".class")).forEach(p -> {
                String rel = root.relativize(p).toString().replace('/', '.').replace('\\', '.');
                String name = rel.substring(0, rel.length() - ".class".length());
                int dot = name.lastIndexOf('.');
                if (dot > 0 && API.contains(name.substring(0, dot))) {
                    names.add(name);
                }
            });
        }
        for (String n : names) {
            out.add(Class.forName(n, false, ApiBoundaryTest.class.getClassLoader()));
        }
        assertThat(out).hasSizeGreaterThan(30);
        return out;
    }
}
