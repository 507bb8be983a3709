package io.flowstate.testkit.redis;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the {@code redis-server} and {@code redis-cli} executables: a path given by a system property
 * ({@code flowstate.redis.server}, {@code flowstate.redis.cli}), then the directory of the server binary
 * (for the CLI), then {@code PATH}.
 */
final class RedisBinaries {

    /** System property naming the {@code redis-server} executable to use. */
    public static final String SERVER_PROPERTY = "flowstate.redis.server";
    /** System property naming the {@code redis-cli} executable to use. */
    public static final String CLI_PROPERTY = "flowstate.redis.cli";

    private RedisBinaries() {
    }

    /** The redis-server executable; throws {@link IllegalStateException} with what to do when none is found. */
    public static Path server() {
        return fromProperty(SERVER_PROPERTY)
                .or(() -> onPath("redis-server"))
                .orElseThrow(() -> new IllegalStateException("redis-server was not found on PATH. Install it "
                        + "(Debian/Ubuntu: apt-get install redis-server) or point -D" + SERVER_PROPERTY
                        + "=/path/to/redis-server at an executable (Redis 7 or newer)."));
    }

    /** The redis-cli executable (needed to form a cluster); throws {@link IllegalStateException} when none is found. */
    public static Path cli() {
        return fromProperty(CLI_PROPERTY)
                .or(() -> executable(server().resolveSibling("redis-cli")))
                .or(() -> onPath("redis-cli"))
                .orElseThrow(() -> new IllegalStateException("redis-cli was not found beside redis-server or on "
                        + "PATH. Install it (Debian/Ubuntu: apt-get install redis-tools) or set -D" + CLI_PROPERTY
                        + "=/path/to/redis-cli."));
    }

    private static Optional<Path> fromProperty(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Path path = Path.of(value);
        if (!Files.isExecutable(path)) {
            throw new IllegalStateException("-D" + property + "=" + value + " is not an executable file");
        }
        return Optional.of(path);
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator, -1)) {
            if (!dir.isEmpty()) {
                Optional<Path> found = executable(Path.of(dir, name));
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> executable(Path candidate) {
        return Files.isRegularFile(candidate) && Files.isExecutable(candidate) ? Optional.of(candidate) : Optional.empty();
    }
}
