package io.flowstate.server;

import io.flowstate.server.testkit.ServerProcess;
import java.nio.file.Path;

/**
 * The server this build made, for the tests that run it as its own process (to kill it like a crashed machine),
 * and the test flows such a process serves.
 */
final class BuiltServer {

    /** The executable jar of flowstate-server, packaged before this module's integration tests run. */
    static final Path JAR = Path.of("..", "flowstate-server", "target", "flowstate.jar").toAbsolutePath().normalize();

    /** src/test/resources/flows as an absolute path, for {@code --flows}. */
    static final String FLOWS = Path.of("src", "test", "resources", "flows").toAbsolutePath().toString();

    private BuiltServer() {
    }

    /** {@code java -jar flowstate.jar serve} on a free port, its output in {@code log}. */
    static ServerProcess.Builder jar(Path log) {
        return ServerProcess.ofJar(JAR).log(log);
    }
}
