package io.flowstate.server;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the repository (docs, examples) found from wherever the test runs: the module or the root. */
public final class RepositoryFiles {

    private RepositoryFiles() {
    }

    public static Path find(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(relative);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(relative + " not found above " + Path.of("").toAbsolutePath());
    }
}
