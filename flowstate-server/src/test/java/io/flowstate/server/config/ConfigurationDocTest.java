package io.flowstate.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/configuration.md documents every key, its environment variables and its flag. */
class ConfigurationDocTest {

    @Test
    void theConfigurationReferenceNamesEveryKeyWithItsDefaultVariablesAndFlag() throws IOException {
        String doc = Files.readString(repositoryFile("docs/configuration.md"));

        for (ConfigKey key : ConfigKey.values()) {
            String row = doc.lines().filter(line -> line.startsWith("| `" + key.path() + "` |")).findFirst()
                    .orElseThrow(() -> new AssertionError("no row for " + key.path()));
            assertThat(row).as(key.path() + " default").contains("`" + key.valueIn(FlowstateConfig.DEFAULTS) + "`");
            key.envNames().forEach(name -> assertThat(doc).as(key.path()).contains("`" + name + "`"));
            key.flag().ifPresent(flag -> assertThat(doc).as(key.path()).contains("`" + flag + "`"));
        }
        assertThat(doc).contains("`" + ConfigLoader.CONFIG_FILE_ENV + "`", "`" + ConfigLoader.LOG_LEVEL_ENV + "`");
    }

    private static Path repositoryFile(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(relative);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(relative + " not found above " + Path.of("").toAbsolutePath());
    }
}
