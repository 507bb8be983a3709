package io.flowstate.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowstate.server.RepositoryFiles;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** docs/configuration.md documents every key, its environment variables and its flag. */
class ConfigurationDocTest {

    @Test
    void theConfigurationReferenceNamesEveryKeyWithItsDefaultVariablesAndFlag() throws IOException {
        String doc = Files.readString(RepositoryFiles.find("docs/configuration.md"));

        for (ConfigKey key : ConfigKey.values()) {
            String row = doc.lines().filter(line -> line.startsWith("| `" + key.path() + "` |")).findFirst()
                    .orElseThrow(() -> new AssertionError("no row for " + key.path()));
            assertThat(row).as(key.path() + " default").contains("`" + key.valueIn(FlowstateConfig.DEFAULTS) + "`");
            key.envNames().forEach(name -> assertThat(doc).as(key.path()).contains("`" + name + "`"));
            key.flag().ifPresent(flag -> assertThat(doc).as(key.path()).contains("`" + flag + "`"));
        }
        assertThat(doc).contains("`" + ConfigLoader.CONFIG_FILE_ENV + "`", "`" + ConfigLoader.LOG_LEVEL_ENV + "`");
    }
}
