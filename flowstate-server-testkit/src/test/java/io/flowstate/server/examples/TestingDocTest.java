package io.flowstate.server.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/testing.md shows SignupFlowIT exactly as it is in the build. */
class TestingDocTest {

    @Test
    void theTestingGuideShowsTheExampleTestAsItIs() throws IOException {
        String doc = Files.readString(Path.of("../docs/testing.md"));
        String test = Files.readString(Path.of("src/test/java/io/flowstate/server/examples/SignupFlowIT.java"));

        assertThat(doc).contains("```java\n" + test.strip() + "\n```");
    }
}
