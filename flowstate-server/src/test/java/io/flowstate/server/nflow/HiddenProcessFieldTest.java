package io.flowstate.server.nflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HiddenProcessFieldTest {

    private static final String FIELD = "<input type=\"hidden\" name=\"nflow_process_id\" value=\"P\">";

    @Test
    void addsTheFieldToFormsThatPostBackToTheFlow() {
        String html = "<form method=\"post\"><b></b></form><FORM action='/pepe11/nftk/Paso%201'></FORM>"
                + "<form action=\"/pepe11?f=run\"></form><form action=\"\"></form>";

        assertThat(HiddenProcessField.add(html, "/pepe11", "P")).isEqualTo("<form method=\"post\">" + FIELD
                + "<b></b></form><FORM action='/pepe11/nftk/Paso%201'>" + FIELD + "</FORM><form action=\"/pepe11?f=run\">"
                + FIELD + "</form><form action=\"\">" + FIELD + "</form>");
    }

    @Test
    void leavesFormsToOtherPlacesAndPagesThatCarryTheFieldAlone() {
        String elsewhere = "<form method=\"GET\" action=\"/home\"></form><form action=\"/pepe112\"></form>";
        String carries = "<form><input name=\"nflow_process_id\" value=\"X\"></form>";

        assertThat(HiddenProcessField.add(elsewhere, "/pepe11", "P")).isEqualTo(elsewhere);
        assertThat(HiddenProcessField.add(carries, "/pepe11", "P")).isEqualTo(carries);
    }

    @Test
    void findsTheActionAsTheAttributesRegularExpressionDoes() {
        Pattern regex = Pattern.compile("\\saction\\s*=\\s*(\"([^\"]*)\"|'([^']*)'|([^\\s>]+))",
                Pattern.CASE_INSENSITIVE);
        String[] pieces = {"<form", " ", "\t", "\n", "action", "ACTION", "Action", "=", "\"", "'", "/pepe11", ">",
            "x", "data-action", "method=\"post\"", "?a=1&amp;b"};
        Random random = new Random(11);
        for (int run = 0; run < 20_000; run++) {
            StringBuilder tag = new StringBuilder("<form");
            for (int n = random.nextInt(12); n > 0; n--) {
                tag.append(pieces[random.nextInt(pieces.length)]);
            }
            Matcher m = regex.matcher(tag);
            String expected = !m.find() ? null : m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3)
                    : m.group(4);
            assertThat(HiddenProcessField.action(tag.toString())).as(tag.toString()).isEqualTo(expected);
        }
    }
}
