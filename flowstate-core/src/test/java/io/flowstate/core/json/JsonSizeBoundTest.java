package io.flowstate.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Json#sizeBound} is never below what {@link Json#bytes} writes. */
class JsonSizeBoundTest {

    private static final String[] TEXTS = {"", "a", "Ana", "\"", "\\", "\n", "\u0001", "<>&'", "ü", "€", "\uD83D\uDE00",
        "\u2028", "x".repeat(300)};

    @Test
    void theBoundIsNeverBelowTheEncodedSize() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            JsonNode node = value(random, 0);
            assertThat(Json.sizeBound(node)).as("%s", node).isGreaterThanOrEqualTo(Json.bytes(node).length);
        }
    }

    @Test
    void extremeNumbersAndParsedDecimalsStayUnderTheBound() throws IOException {
        for (String text : new String[] {"-2.2250738585072014E-308", "1e+21", "-9223372036854775808",
            "123456789012345678901234567890", "1.0000000000000000000000000001", "[1e400, -1e-400]"}) {
            JsonNode node = Json.parse(text);
            assertThat(Json.sizeBound(node)).as(text).isGreaterThanOrEqualTo(Json.bytes(node).length);
        }
    }

    private static JsonNode value(Random random, int depth) {
        int kind = random.nextInt(depth > 4 ? 9 : 11);
        return switch (kind) {
            case 0 -> Json.mapper().getNodeFactory().textNode(TEXTS[random.nextInt(TEXTS.length)]);
            case 1 -> Json.mapper().getNodeFactory().numberNode(random.nextLong());
            case 2 -> Json.mapper().getNodeFactory().numberNode(random.nextInt());
            case 3 -> Json.mapper().getNodeFactory().numberNode(Double.longBitsToDouble(random.nextLong()));
            case 4 -> Json.mapper().getNodeFactory().numberNode(new BigDecimal(random.nextGaussian() * 1e6));
            case 5 -> Json.mapper().getNodeFactory().numberNode(BigInteger.valueOf(random.nextLong()).pow(3));
            case 6 -> Json.mapper().getNodeFactory().booleanNode(random.nextBoolean());
            case 7 -> Json.mapper().getNodeFactory().nullNode();
            case 8 -> Json.mapper().getNodeFactory().numberNode(random.nextFloat());
            case 9 -> {
                ArrayNode array = Json.mapper().createArrayNode();
                for (int n = random.nextInt(5); n > 0; n--) {
                    array.add(value(random, depth + 1));
                }
                yield array;
            }
            default -> {
                ObjectNode object = Json.object();
                for (int n = random.nextInt(5); n > 0; n--) {
                    object.set(TEXTS[random.nextInt(TEXTS.length)] + n, value(random, depth + 1));
                }
                yield object;
            }
        };
    }
}
