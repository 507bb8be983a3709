package io.flowstate.server.nflow;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import io.flowstate.server.config.NflowConfig;
import io.flowstate.server.testkit.ServerSetup;

/**
 * nFlow's own sample data, read where it lives ({@code ../shared/nflow} beside the repository; the system property
 * {@code flowstate.nflow.samples} overrides). Tests that need it are skipped, with that reason, where it is absent.
 * The project commits no copy: a test lays out a flows directory in a temporary folder at run time.
 */
final class NflowSamples {

    private NflowSamples() {
    }

    static Path directory() {
        Path samples = location();
        assumeTrue(present(), "nFlow sample data not found at " + samples + " (../shared/nflow beside the repository)");
        return samples;
    }

    /** Whether the samples are there; a class checks this before starting servers, each test assumes it. */
    static boolean present() {
        return Files.isRegularFile(location().resolve("app.json"));
    }

    private static Path location() {
        String override = System.getProperty("flowstate.nflow.samples");
        Path repo = Path.of("").toAbsolutePath().getParent();
        return override != null ? Path.of(override) : repo.resolve("../shared/nflow").normalize();
    }

    /**
     * A server setup over a flows directory holding only {@code app} of the samples (one app per directory: the
     * sample apps share starters), with the samples' page templates and accounts file named in {@code [nflow]}.
     */
    static ServerSetup setup(String app) {
        Path samples = directory();
        try {
            Path flows = Files.createTempDirectory("nflow-flows");
            Files.copy(samples.resolve(app), flows.resolve(app));
            flows.resolve(app).toFile().deleteOnExit();
            flows.toFile().deleteOnExit();
            NflowConfig nflow = NflowConfig.DEFAULTS;
            return ServerSetup.of(flows).withConfig(c -> c.withNflow(new NflowConfig(samples.resolve("templates"),
                    nflow.modules(), samples.resolve("accounts.json"), nflow.loginPath(), nflow.loginTtl(),
                    nflow.otpMode(), nflow.otpCode(), nflow.consoleLog())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
