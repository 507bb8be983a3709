package io.flowstate.server.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowstate.core.process.ProblemType;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestBodyTest {

    /** What process ids were checked with before: the check by hand must accept exactly the same. */
    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final RequestBody body = new RequestBody(1 << 20);

    @ParameterizedTest
    @ValueSource(strings = {"3f2b8c1e-7d4a-4e8b-9c1f-2a6d5e4b3c21", "3F2B8C1E-7D4A-4E8B-9C1F-2A6D5E4B3C21",
        "3f2b8c1e7d4a-4e8b-9c1f-2a6d5e4b3c21-", "3f2b8c1e-7d4a-4e8b-9c1f-2a6d5e4b3c2", "3f2b8c1e-7d4a-4e8b-9c1f-2a6d5e4b3c211",
        "3f2b8c1g-7d4a-4e8b-9c1f-2a6d5e4b3c21", "3f2b8c1e-7d4a-4e8b-9c1f-2a6d5e4b3c2１", "{3f2b8c1e-7d4a-4e8b-9c1f-2a6d5e4b3c}",
        "3f2b8c1e_7d4a-4e8b-9c1f-2a6d5e4b3c21", "", "not-a-uuid"})
    void acceptsTheProcessIdsThePatternAccepted(String text) {
        if (UUID_TEXT.matcher(text).matches()) {
            assertThat(RequestBody.processId(text)).isEqualTo(UUID.fromString(text));
        } else {
            assertThatThrownBy(() -> RequestBody.processId(text)).isInstanceOfSatisfying(ProblemException.class,
                    e -> assertThat(e.type()).isEqualTo(ProblemType.INVALID_PROCESS_ID));
        }
    }

    @Test
    void agreesWithThePatternOnRandomIds() {
        SplittableRandom random = new SplittableRandom(11);
        String alphabet = "0123456789abcdefABCDEFgG-_ \u0660";
        for (int i = 0; i < 100_000; i++) {
            char[] text = UUID.randomUUID().toString().toCharArray();
            for (int changes = random.nextInt(3); changes > 0; changes--) {
                text[random.nextInt(text.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
            }
            String id = new String(text);

            boolean accepted;
            try {
                RequestBody.processId(id);
                accepted = true;
            } catch (ProblemException e) {
                accepted = false;
            }
            assertThat(accepted).as(id).isEqualTo(UUID_TEXT.matcher(id).matches());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\": \"\\ud800\"}", "{\"\\udc00\": 1}", "[\"x\\uDBFFy\"]"})
    void refusesLoneSurrogatesFromEscapes(String document) {
        assertThatThrownBy(() -> body.json(document.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(e.type()).isEqualTo(ProblemType.MALFORMED_JSON));
    }

    @Test
    void refusesALoneSurrogateInAUtf16Document() {
        byte[] document = "{\"a\": \"X\"}".getBytes(StandardCharsets.UTF_16BE);
        document[document.length - 6] = (byte) 0xD8; // X becomes a lone high surrogate
        document[document.length - 5] = 0;

        assertThatThrownBy(() -> body.json(document)).isInstanceOf(ProblemException.class);
    }

    @Test
    void acceptsPairsAndPlainText() {
        assertThat(body.json("{\"a\": \"\\ud83d\\ude00 \uD83D\uDE00 é\", \"b\": [1, \"x\"]}"
                .getBytes(StandardCharsets.UTF_8)).get("b").get(1).asText()).isEqualTo("x");
    }
}
