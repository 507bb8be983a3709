package io.flowstate.server.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A Flowstate server in its own operating-system process, for the tests an in-JVM server cannot do: kill it with
 * SIGKILL like a crashed machine, or run the launcher a user runs. Its output goes to a log file. Only the process
 * it started is ever signalled, by its pid.
 *
 * <pre>{@code
 * try (ServerProcess server = ServerProcess.ofJar(jar).log(logs.resolve("a.log"))
 *         .args("--store", "redis", "--redis-url", redis.uri(), "--flows", flows).start()) {
 *     server.http().get("/health/ready");
 *     server.kill();
 * }
 * }</pre>
 */
public final class ServerProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;
    private final Http http;

    private ServerProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.http = new Http(port);
    }

    /**
     * {@code java -jar jar serve --host 127.0.0.1 --port <a free port>} plus {@link Builder#args}, in a JVM of the
     * running Java with the flags GraalJS needs.
     */
    public static Builder ofJar(Path jar) {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-Xmx512m",
                "-jar", jar.toAbsolutePath().toString(), "serve", "--host", "127.0.0.1",
                "--port", Integer.toString(port)));
        return new Builder(command, port);
    }

    /** Any command that starts a server on {@code port} of 127.0.0.1, such as the {@code flowstate} launcher. */
    public static Builder ofCommand(int port, String... command) {
        return new Builder(new ArrayList<>(List.of(command)), port);
    }

    public int port() {
        return port;
    }

    /** An HTTP client of the server. */
    public Http http() {
        return http;
    }

    public long pid() {
        return process.pid();
    }

    /** The file the server's output goes to. */
    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook runs, like a machine that dies. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM, then SIGKILL if it does not stop within 20 s. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free loopback port", e);
        }
    }

    /** How the process is started; {@link #log} is required. */
    public static final class Builder {
        private final List<String> command;
        private final int port;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private @Nullable Path directory;
        private @Nullable Path log;
        private String probe = "/health/ready";
        private Duration startTimeout = Duration.ofSeconds(60);

        private Builder(List<String> command, int port) {
            this.command = command;
            this.port = port;
        }

        /** More arguments, for example {@code "--store", "redis"}. */
        public Builder args(String... args) {
            command.addAll(List.of(args));
            return this;
        }

        /** The working directory of the process. */
        public Builder directory(Path dir) {
            this.directory = dir;
            return this;
        }

        /** An environment variable, for example {@code FLOWSTATE_DATA_DIR}. */
        public Builder environment(String name, String value) {
            environment.put(name, value);
            return this;
        }

        /** The file the output is appended to (required: a server that fails to start explains itself there). */
        public Builder log(Path file) {
            this.log = file;
            return this;
        }

        /** {@link #start()} returns once the server is alive ({@code /health/live}), ready or not. */
        public Builder untilAlive() {
            this.probe = "/health/live";
            return this;
        }

        /** How long {@link #start()} waits, 60 s by default. */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        /**
         * Starts the process and waits until it is ready ({@code /health/ready} answers 200, or alive with
         * {@link #untilAlive()}); a process that exits or is not ready in time is killed and the start fails.
         */
        public ServerProcess start() {
            Path output = Objects.requireNonNull(log, "log: name the file the server's output goes to");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
            if (directory != null) {
                builder.directory(directory.toFile());
            }
            builder.environment().putAll(environment);
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + command, e);
            }
            ServerProcess server = new ServerProcess(process, port, output);
            try {
                awaitProbe(server);
            } catch (RuntimeException | Error e) {
                process.destroyForcibly(); // a server that never came up must not outlive the test
                throw e;
            }
            return server;
        }

        private void awaitProbe(ServerProcess server) {
            long deadline = System.nanoTime() + startTimeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (!server.isAlive()) {
                    throw new IllegalStateException("the server exited with " + server.process.exitValue()
                            + " before it was up; see " + server.log);
                }
                try {
                    if (server.http.get(probe).status() == 200) {
                        return;
                    }
                } catch (UncheckedIOException e) {
                    // not listening yet
                }
                sleep(Duration.ofMillis(200));
            }
            throw new IllegalStateException("the server did not answer 200 on " + probe + " within " + startTimeout
                    + "; see " + server.log);
        }

        private static void sleep(Duration pause) {
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the server", e);
            }
        }
    }
}
