package io.flowstate.server.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowstate.core.process.ProblemType;
import io.flowstate.server.RepositoryFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** docs/api.md lists exactly the catalogue's codes, each with its status: the codes are what clients switch on. */
class ProblemCatalogueDocTest {

    private static final Pattern ROW = Pattern.compile("^\\| (\\d{3}) \\| `([a-z_]+)` \\|", Pattern.MULTILINE);

    @Test
    void theApiReferenceListsExactlyTheCataloguesCodesWithTheirStatus() throws IOException {
        String doc = Files.readString(RepositoryFiles.find("docs/api.md"));
        String table = doc.substring(doc.indexOf("## Error codes"));

        Map<String, Integer> documented = new TreeMap<>();
        Matcher row = ROW.matcher(table);
        while (row.find()) {
            assertThat(documented.put(row.group(2), Integer.parseInt(row.group(1))))
                    .as("documented twice: " + row.group(2)).isNull();
        }

        Map<String, Integer> catalogue = Arrays.stream(ProblemType.values())
                .collect(Collectors.toMap(ProblemType::code, ProblemType::status, (a, b) -> a, TreeMap::new));
        assertThat(documented).isEqualTo(catalogue);
    }

    @Test
    void everyCodeIsSnakeCaseAndFindableByItsCode() {
        for (ProblemType type : ProblemType.values()) {
            assertThat(type.code()).matches("[a-z]+(_[a-z]+)*");
            assertThat(ProblemType.ofCode(type.code())).contains(type);
        }
        assertThat(ProblemType.ofCode("no_such_code")).isEmpty();
    }
}
