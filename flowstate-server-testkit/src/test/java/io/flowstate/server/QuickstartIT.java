package io.flowstate.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowstate.server.testkit.ServerProcess;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A newcomer's path on a checkout: {@code ./flowstate serve} with no flags answers on 8080, and the curl
 * quickstart of the README, run exactly as written, walks the sign-up flow to {@code completed}.
 */
class QuickstartIT {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path data;

    @Test
    void theReadmeQuickstartRunsTheSignupFlowToCompletedAgainstTheLauncher() throws Exception {
        assertPortFree(8080);
        // the launcher may build the jar first; FLOWSTATE_DATA_DIR keeps the checkout clean
        try (ServerProcess server = ServerProcess.ofCommand(8080, ROOT.resolve("flowstate").toString(), "serve")
                .directory(ROOT).environment("FLOWSTATE_DATA_DIR", data.resolve("store").toString())
                .log(data.resolve("serve.log")).startTimeout(Duration.ofMinutes(4)).start()) {
            Process quickstart = new ProcessBuilder("bash", "-euo", "pipefail", "-c", quickstartScript())
                    .directory(ROOT.toFile()).redirectErrorStream(true).start();
            String output = new String(quickstart.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(quickstart.waitFor(60, TimeUnit.SECONDS)).isTrue();

            assertThat(quickstart.exitValue()).as(output).isZero();
            assertThat(output).contains("\"nextStep\":{\"id\":\"address\"")
                    .contains("\"status\":\"completed\"")
                    .contains("\"result\":{")
                    .contains("\"type\":\"process.completed\"");
        } // closing sends SIGTERM to the JVM the launcher exec'd
    }

    /** The shell lines between the quickstart markers of README.md, without the code fence. */
    static String quickstartScript() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        int begin = readme.indexOf("<!-- quickstart:begin -->");
        int end = readme.indexOf("<!-- quickstart:end -->");
        assertThat(begin).as("quickstart markers in README.md").isNotNegative();
        assertThat(end).isGreaterThan(begin);
        String block = readme.substring(begin, end);
        return block.substring(block.indexOf("```bash") + "```bash".length(), block.lastIndexOf("```"));
    }

    static void assertPortFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("0.0.0.0", port));
        } catch (IOException e) {
            throw new AssertionError("port " + port + " is taken; the quickstart test needs it free, as a newcomer's"
                    + " machine would have it", e);
        }
    }
}
