package io.slacker.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.slacker.cluster.ClusterServer;
import io.slacker.testing.EmbeddedZooKeeper;
import io.slacker.SlackerServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/getting-started.md stays true: its Java files compile as written (imports included), and
 * its clients, run against servers made of its own interface and implementation, print what the
 * page says.
 */
class GettingStartedTest {
    private static final Pattern JAVA_FILE = Pattern.compile("```java\\n(package hello;.*?)```", Pattern.DOTALL);
    private static final Pattern TYPE_NAME = Pattern.compile("public (?:class|interface) (\\w+)");

    @TempDir
    static Path work;
    private static URLClassLoader loader;

    @BeforeAll
    static void compileThePagesFiles() throws IOException {
        String page = Files.readString(Paths.get("..", "docs", "getting-started.md"), StandardCharsets.UTF_8);
        Path src = Files.createDirectories(work.resolve("src/hello"));
        List<String> args = new ArrayList<>(List.of("-d", work.resolve("classes").toString(),
            "-classpath", System.getProperty("java.class.path"), "-Xlint:all", "-Werror"));
        Matcher m = JAVA_FILE.matcher(page);
        while (m.find()) {
            Matcher name = TYPE_NAME.matcher(m.group(1));
            assertThat(name.find()).as("a public type in %s", m.group(1)).isTrue();
            Path file = src.resolve(name.group(1) + ".java");
            Files.writeString(file, m.group(1), StandardCharsets.UTF_8);
            args.add(file.toString());
        }
        assertThat(args).as("the page's Java files").anyMatch(a -> a.endsWith("HelloClusterClient.java"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int rc = javac.run(null, errors, errors, args.toArray(String[]::new));
        assertThat(rc).as("javac: %s", errors.toString(StandardCharsets.UTF_8)).isZero();
        loader = new URLClassLoader(new URL[] {work.resolve("classes").toUri().toURL()}, GettingStartedTest.class.getClassLoader());
    }

    @SuppressWarnings("unchecked")
    private static SlackerServer.Builder greeterServer() throws ReflectiveOperationException {
        Class<Object> greeter = (Class<Object>) loader.loadClass("hello.Greeter");
        Object impl = loader.loadClass("hello.GreeterImpl").getConstructor().newInstance();
        return SlackerServer.builder().host("127.0.0.1").port(0).expose(greeter, impl);
    }

    private static String runMain(String className, String... args) throws Exception {
        Method main = loader.loadClass(className).getMethod("main", String[].class);
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            main.invoke(null, (Object) args);
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helloClientPrintsWhatThePageSays() throws Exception {
        try (SlackerServer server = greeterServer().start()) {
            String out = runMain("hello.HelloClient", "127.0.0.1:" + server.port());
            assertThat(out.lines()).containsExactly("hello, Ada", "42");
        }
    }

    @Test
    void helloClusterClientFindsTheServerInZooKeeper() throws Exception {
        try (EmbeddedZooKeeper zk = EmbeddedZooKeeper.start(0);
             ClusterServer node = ClusterServer.builder().server(greeterServer()).zookeeper(zk.connectString())
                 .cluster("hello-cluster").node("127.0.0.1").start()) {
            String out = runMain("hello.HelloClusterClient", zk.connectString());
            assertThat(out.lines()).containsExactly("hello, Ada", "servers: [" + node.address() + "]");
        }
    }
}
