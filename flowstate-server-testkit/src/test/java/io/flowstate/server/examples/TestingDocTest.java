package io.flowstate.server.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** docs/testing.md shows its examples as they are in the build, so what a reader copies compiles and passes. */
class TestingDocTest {

    private static final Path DOC = Path.of("../docs/testing.md");
    private static final Path TESTS = Path.of("src/test/java");
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\n(.*?)\n```", Pattern.DOTALL);

    @Test
    void theTestingGuideShowsEachExampleTestWhole() throws IOException {
        String doc = Files.readString(DOC);

        for (String example : List.of("SignupFlowIT.java", "SignupAcrossInstancesIT.java")) {
            String test = Files.readString(TESTS.resolve("io/flowstate/server/examples").resolve(example));
            assertThat(doc).as(example).contains("```java\n" + test.strip() + "\n```");
        }
    }

    @Test
    void everyJavaSnippetOfTheTestingGuideIsCutFromATestOfTheBuild() throws IOException {
        List<String> sources = new ArrayList<>();
        try (Stream<Path> files = Files.walk(TESTS)) {
            files.filter(file -> file.toString().endsWith(".java")).forEach(file -> sources.add(read(file)));
        }
        Matcher blocks = JAVA_BLOCK.matcher(Files.readString(DOC));
        int checked = 0;
        while (blocks.find()) {
            String snippet = blocks.group(1);
            assertThat(sources).as("a test containing\n" + snippet).anyMatch(source -> source.contains(snippet));
            checked++;
        }
        assertThat(checked).as("java blocks in " + DOC).isGreaterThanOrEqualTo(3);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
