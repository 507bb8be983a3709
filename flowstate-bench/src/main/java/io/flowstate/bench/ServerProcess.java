package io.flowstate.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link BenchServer} in a child JVM on this JVM's class path: its port, and its heap and threads on request.
 * Extra JVM options (a flight recording, say) come from the system property {@code bench.serverJvmArgs},
 * separated by spaces, for the child given by {@code role} ({@code bench.serverJvmArgs.<role>} wins). The child's
 * standard output is read all the time, on a daemon thread, and everything but its answers dropped: the server's
 * access log writes a line per request there, and a full pipe would stall it.
 */
final class ServerProcess implements AutoCloseable {

    private static final String EXITED = "";

    private final Process child;
    private final BufferedReader out;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final PrintWriter in;
    private final int port;

    private ServerProcess(Process child) throws IOException {
        this.child = child;
        this.out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        this.in = new PrintWriter(child.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread reader = new Thread(this::drain, "server-stdout-" + child.pid());
        reader.setDaemon(true);
        reader.start();
        this.port = Integer.parseInt(readLine("port ").substring(5));
    }

    /** Starts a server; {@code serverArgs} go to {@link BenchServer#main}. */
    static ServerProcess start(String role, String heap, String... serverArgs) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), heap, "-XX:+UseG1GC", "--enable-native-access=ALL-UNNAMED"));
        String extra = System.getProperty("bench.serverJvmArgs." + role, System.getProperty("bench.serverJvmArgs", ""));
        for (String option : extra.trim().split(" +")) {
            if (!option.isEmpty()) {
                command.add(option);
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchServer.class.getName()));
        command.addAll(List.of(serverArgs));
        return new ServerProcess(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start());
    }

    int port() {
        return port;
    }

    /** {heap used after GC, platform threads, open streams}. */
    long[] sample() throws IOException {
        in.println("measure");
        String[] parts = readLine("heap ").split(" ");
        return new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[3]), Long.parseLong(parts[5])};
    }

    private String readLine(String prefix) throws IOException {
        try {
            for (String line = answers.take(); !line.equals(EXITED); line = answers.take()) {
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        answers.add(EXITED);
        throw new IOException("the server exited before printing '" + prefix + "'");
    }

    private void drain() {
        try {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("port ") || line.startsWith("heap ")) {
                    answers.add(line);
                }
            }
        } catch (IOException e) {
            // the child is gone, or close() closed the stream
        }
        answers.add(EXITED);
    }

    /** Asks the server to stop (so a flight recording is written), then waits for it. */
    @Override
    public void close() throws InterruptedException {
        in.println("stop");
        if (!child.waitFor(30, TimeUnit.SECONDS)) {
            child.destroyForcibly();
        }
        try {
            out.close();
        } catch (IOException e) {
            // the child is gone
        }
        in.close();
    }
}
