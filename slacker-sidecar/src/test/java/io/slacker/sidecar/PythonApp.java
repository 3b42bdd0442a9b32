package io.slacker.sidecar;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;

/**
 * The test application ({@code test_app.py}, python3 standard library only) in a child process.
 * {@link #close()} kills it (and waits for it to be gone).
 */
public final class PythonApp implements AutoCloseable {
    private final Process process;
    private final Path script;
    private final int port;

    private PythonApp(Process process, Path script, int port) {
        this.process = process;
        this.script = script;
        this.port = port;
    }

    /** Starts the app on a free port of 127.0.0.1 and waits until it listens. */
    public static PythonApp start() throws IOException {
        Path script = Files.createTempFile("slacker-test-app", ".py");
        try (InputStream in = PythonApp.class.getResourceAsStream("test_app.py")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        Process p = new ProcessBuilder("python3", script.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            if (line == null || !line.startsWith("PORT ")) {
                throw new IOException("the test app did not start: " + line);
            }
            return new PythonApp(p, script, Integer.parseInt(line.substring(5).trim()));
        } catch (IOException | RuntimeException e) {
            p.destroyForcibly();
            Files.deleteIfExists(script);
            throw e;
        }
    }

    /** {@code http://127.0.0.1:PORT}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The app's port. */
    public int port() {
        return port;
    }

    /** Makes {@code GET /health} fail (false) or succeed (true). */
    public void healthy(boolean ok) {
        HttpRequest req = HttpRequest.newBuilder(url().resolve(ok ? "/admin/well" : "/admin/sick"))
            .POST(HttpRequest.BodyPublishers.noBody()).build();
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("admin call answered " + r.statusCode());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Whether the process runs. */
    public boolean alive() {
        return process.isAlive();
    }

    /** Kills the process. */
    @Override
    public void close() throws IOException {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(script);
    }
}
