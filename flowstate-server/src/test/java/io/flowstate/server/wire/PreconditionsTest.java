package io.flowstate.server.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PreconditionsTest {

    /** What the version ETags were read with before: the reading by hand must accept exactly the same. */
    private static final Pattern VERSION = Pattern.compile("\\s*(?:W/)?\"?(\\d{1,18})\"?\\s*");

    @ParameterizedTest
    @ValueSource(strings = {"\"3\"", "3", "W/\"3\"", " \t\"12\" ", "\"3", "3\"", "007", "\"999999999999999999\"",
        "\"1234567890123456789\"", "", " ", "\"\"", "W/", "W/3", "w/\"3\"", "*", "\"3\", \"4\"", "\"-3\"", "\"3a\"",
        "\"\"3\"", "\"3\"\"", "\u000B3\f", "\u00A03", "\uFF13", "\"٣\"", "W/ \"3\"", "3 3"})
    void readsVersionsAsThePatternDid(String value) {
        assertThat(Preconditions.version(value)).isEqualTo(byPattern(value));
    }

    @Test
    void agreesWithThePatternOnRandomValues() {
        SplittableRandom random = new SplittableRandom(7);
        String alphabet = " \t\n\u000B\f\r\"W/0123456789x*,\u00A0";
        for (int i = 0; i < 200_000; i++) {
            StringBuilder value = new StringBuilder();
            int length = random.nextInt(12);
            for (int c = 0; c < length; c++) {
                value.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }

            assertThat(Preconditions.version(value.toString())).as("'%s'", value).isEqualTo(byPattern(value.toString()));
        }
    }

    private static long byPattern(String value) {
        Matcher matcher = VERSION.matcher(value);
        return matcher.matches() ? Long.parseLong(matcher.group(1)) : -1;
    }
}
