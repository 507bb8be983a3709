package io.flowstate.server.nflow;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * nFlow's own sample data, read where it lives ({@code ../shared/nflow} beside the repository; the system property
 * {@code flowstate.nflow.samples} overrides). Tests that need it are skipped, with that reason, where it is absent.
 * The project commits no copy: a test lays out a flows directory in a temporary folder at run time.
 */
final class NflowSamples {

    private NflowSamples() {
    }

    static Path directory() {
        String override = System.getProperty("flowstate.nflow.samples");
        Path repo = Path.of("").toAbsolutePath().getParent();
        Path samples = override != null ? Path.of(override) : repo.resolve("../shared/nflow").normalize();
        assumeTrue(Files.isRegularFile(samples.resolve("app.json")),
                "nFlow sample data not found at " + samples + " (../shared/nflow beside the repository)");
        return samples;
    }

    /** A flows directory with {@code app} of the samples, their page templates and their accounts file. */
    static Path flowsWith(String app) {
        Path samples = directory();
        try {
            Path flows = Files.createTempDirectory("nflow-flows");
            Files.copy(samples.resolve(app), flows.resolve(app));
            Files.copy(samples.resolve("accounts.json"), flows.resolve("accounts.json"));
            Path templates = Files.createDirectory(flows.resolve("templates"));
            try (Stream<Path> files = Files.list(samples.resolve("templates"))) {
                for (Path file : files.toList()) {
                    Files.copy(file, templates.resolve(file.getFileName()));
                }
            }
            flows.toFile().deleteOnExit();
            return flows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
