package io.flowstate.testkit.redis;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Records what a Redis receives, through {@code MONITOR}, to count the commands an operation costs.
 * Each recorded line reads like {@code 1700000000.123 [0 127.0.0.1:52114] "evalsha" "…"}; commands a Lua
 * script runs appear as {@code [0 lua]} and are not round trips, see {@link #clientCommands()}.
 */
public final class RedisMonitor implements AutoCloseable {

    private final RespConnection connection;
    private final List<String> lines = new ArrayList<>();
    private final Thread reader;

    private RedisMonitor(RespConnection connection) {
        this.connection = connection;
        this.reader = Thread.ofPlatform().daemon().name("redis-monitor").start(this::readLines);
    }

    /** Starts monitoring; returns once Redis has confirmed, so every later command is recorded. */
    public static RedisMonitor start(RedisServer server) {
        RespConnection connection = server.connect();
        Object ok = connection.call("MONITOR");
        if (!"OK".equals(ok)) {
            connection.close();
            throw new IllegalStateException("MONITOR answered " + ok);
        }
        connection.readTimeout(Duration.ZERO);
        return new RedisMonitor(connection);
    }

    /** Every line recorded so far. */
    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** Lines of commands sent by clients (a round trip each unless pipelined), without script internals. */
    public List<String> clientCommands() {
        return lines().stream().filter(line -> !line.contains(" lua] ")).toList();
    }

    /** Waits until {@code marker} has been recorded, so lines up to it are complete. */
    public void awaitLine(String marker, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (lines().stream().noneMatch(line -> line.contains(marker))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("MONITOR did not show " + marker + " within " + timeout);
            }
            RedisServer.sleep(Duration.ofMillis(5));
        }
    }

    /** Forgets the lines recorded so far. */
    public void clear() {
        synchronized (lines) {
            lines.clear();
        }
    }

    @Override
    public void close() {
        connection.close();
        try {
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void readLines() {
        try {
            while (true) {
                Object line = connection.read();
                synchronized (lines) {
                    lines.add(String.valueOf(line));
                }
            }
        } catch (UncheckedIOException | RespErrorReply closed) {
            // closed by close(): monitoring ends
        }
    }
}
