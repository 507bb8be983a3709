package io.flowstate.server;

import static org.awaitility.Awaitility.await;

import io.flowstate.server.testkit.Http;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Flowstate server in its own JVM, started from {@code flowstate.jar} on a free loopback port, so a test
 * can kill it with SIGKILL like a crashed machine. Only the process it started is ever signalled.
 */
final class ServerProcess implements AutoCloseable {

    static final Path JAR = Path.of("..", "flowstate-server", "target", "flowstate.jar").toAbsolutePath().normalize();

    private final Process process;
    private final int port;
    private final Path log;

    private ServerProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts {@code flowstate serve} with {@code args} (port and host are added) and waits until it is ready. */
    static ServerProcess start(Path logDir, String name, String... args) {
        return start(logDir, name, "/health/ready", args);
    }

    /** Starts the server and waits only until it is alive (listening), ready or not. */
    static ServerProcess startAlive(Path logDir, String name, String... args) {
        return start(logDir, name, "/health/live", args);
    }

    private static ServerProcess start(Path logDir, String name, String probe, String... args) {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-Xmx512m",
                "-jar", JAR.toString(), "serve", "--host", "127.0.0.1", "--port", Integer.toString(port)));
        command.addAll(List.of(args));
        Path log = logDir.resolve(name + ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            ServerProcess server = new ServerProcess(process, port, log);
            Http http = new Http(port);
            try {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                        .until(() -> {
                            if (!process.isAlive()) {
                                throw new AssertionError(name + " exited; see " + log);
                            }
                            return http.get(probe).status() == 200;
                        });
            } catch (RuntimeException | Error e) {
                process.destroyForcibly(); // a server that never came up must not outlive the test
                throw e;
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook runs, like a machine that dies. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM, then SIGKILL if it does not stop in time. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
