package io.flowstate.testkit.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * One {@code redis-server} process that this JVM started, on a free loopback port with its own temporary
 * directory. It never touches another Redis: {@link #stop()}, {@link #killHard()} and {@link #close()}
 * signal only the process this object started, by its pid, and a shutdown hook does the same if a test
 * forgets to close it.
 *
 * <p>Not thread-safe: one test thread controls a server.
 */
public final class RedisServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly),
                "redis-server-reaper"));
    }

    private final Path executable;
    private final RedisServerOptions options;
    private final Path dir;
    private final int port;
    private final int busPort;
    private @Nullable Process process;

    private RedisServer(Path executable, RedisServerOptions options, Path dir, int port, int busPort) {
        this.executable = executable;
        this.options = options;
        this.dir = dir;
        this.port = port;
        this.busPort = busPort;
    }

    /** Starts an in-memory Redis ({@code --save ''}). */
    public static RedisServer start() {
        return start(RedisServerOptions.inMemory());
    }

    /**
     * Starts a Redis and waits until it answers PING.
     *
     * @throws IllegalStateException when no redis-server executable is found (the message says how to
     *                               provide one) or the server does not come up
     */
    public static RedisServer start(RedisServerOptions options) {
        Path executable = RedisBinaries.server();
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            Path dir = createTempDir();
            RedisServer server = new RedisServer(executable, options, dir, FreePorts.next(),
                    options.clusterEnabled() ? FreePorts.next() : 0);
            try {
                server.launch();
                return server;
            } catch (IllegalStateException e) {
                // most likely the port was taken between probing and binding; try another one
                server.close();
                last = e;
            }
        }
        throw last;
    }

    /** {@code redis://127.0.0.1:<port>} */
    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** The working directory ({@code --dir}): AOF, cluster config and the log file live here. */
    public Path dir() {
        return dir;
    }

    /** The pid of the running process, or -1 when stopped. */
    public long pid() {
        Process running = process;
        return running != null && running.isAlive() ? running.pid() : -1;
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Opens a probe connection (see {@link RespConnection}); the caller closes it. */
    public RespConnection connect() {
        return RespConnection.open("127.0.0.1", port, Duration.ofSeconds(5));
    }

    /** Runs one command on a fresh probe connection and returns its reply (null for a nil reply). */
    public @Nullable Object call(String... command) {
        try (RespConnection connection = connect()) {
            return connection.call(command);
        }
    }

    /** Stops the server: SIGTERM, then SIGKILL if it has not exited within 10 s. Idempotent. */
    public void stop() {
        if (process == null) {
            return;
        }
        thaw(); // a frozen server would ignore SIGTERM until resumed
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        RUNNING.remove(process);
        process = null;
    }

    /** Kills the server with SIGKILL, as a crash would: no shutdown save, no goodbye to clients. */
    public void killHard() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        RUNNING.remove(process);
        process = null;
    }

    /**
     * Suspends the server with SIGSTOP: connections stay open but nothing answers, as with a hung host.
     * {@link #thaw()} resumes it; {@link #stop()} and {@link #close()} also work on a frozen server.
     */
    public void freeze() {
        signal("STOP");
    }

    /** Resumes a {@link #freeze() frozen} server with SIGCONT. */
    public void thaw() {
        signal("CONT");
    }

    /** Starts the server again on the same port and directory (it reloads its AOF when durable). */
    public void restart() {
        stop();
        launch();
    }

    /** Stops the server and deletes its directory. */
    @Override
    public void close() {
        stop();
        deleteRecursively(dir);
    }

    /** The last lines of the server's log, for failure messages. */
    public String logTail() {
        Path log = dir.resolve("redis.log");
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private void signal(String name) {
        if (process == null || !process.isAlive()) {
            return;
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
                    .redirectErrorStream(true).start();
            if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private void launch() {
        List<String> command = new ArrayList<>(List.of(executable.toString()));
        if (!options.configLines().isEmpty()) {
            Path config = dir.resolve("redis.conf");
            if (!Files.exists(config)) { // a restart keeps what the server rewrote
                try {
                    Files.write(config, options.configLines(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            command.add(config.toString());
        }
        command.addAll(List.of(
                "--port", Integer.toString(port),
                "--bind", "127.0.0.1",
                "--dir", dir.toString(),
                "--save", "",
                "--daemonize", "no",
                "--appendonly", options.appendOnly() ? "yes" : "no",
                "--appendfsync", "always"));
        if (options.clusterEnabled()) {
            command.addAll(List.of("--cluster-enabled", "yes",
                    "--cluster-port", Integer.toString(busPort),
                    "--cluster-config-file", dir.resolve("nodes.conf").toString(),
                    "--cluster-node-timeout", "2000"));
        }
        command.addAll(options.extraArgs());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.log").toFile()));
        Process started;
        try {
            started = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + executable + ": " + e.getMessage(), e);
        }
        process = started;
        RUNNING.add(started);
        awaitPong(started);
    }

    private void awaitPong(Process started) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        String lastProblem = "no answer";
        while (System.nanoTime() < deadline) {
            if (!started.isAlive()) {
                RUNNING.remove(started);
                process = null;
                throw new IllegalStateException("redis-server exited during start on port " + port + ":\n" + logTail());
            }
            try (RespConnection probe = RespConnection.open("127.0.0.1", port, Duration.ofMillis(500))) {
                if ("PONG".equals(probe.call("PING"))) {
                    return;
                }
            } catch (UncheckedIOException | RespErrorReply e) {
                lastProblem = e.getMessage(); // not listening yet, or LOADING its AOF
            }
            sleep(Duration.ofMillis(20));
        }
        stop();
        throw new IllegalStateException("redis-server on port " + port + " did not answer PING within "
                + START_TIMEOUT.toSeconds() + " s (" + lastProblem + "):\n" + logTail());
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static Path createTempDir() {
        try {
            return Files.createTempDirectory("flowstate-redis-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp directory is harmless
        }
    }
}
