package io.flowstate.nflow.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link HtmlContext#text}'s skipping agrees with the plain machine, character for character. */
class HtmlContextTest {

    private static final String[] PIECES = {"<", ">", "\"", "'", "=", "/", " ", "\n", "!", "-", "--", "-->", "<!--",
        "script", "SCRIPT", "</script", "</ScRiPt>", "<script>", "style", "t", "T", "a", "href", "value", "?", "#",
        "javascript:", "<a href=", "<input value=", "x", "Ana & co", "<p>", "</p>", "<form action=\""};

    @Test
    void skippingAndRememberingAgreeWithStepping() {
        Random random = new Random(20261205);
        for (int run = 0; run < 3_000; run++) {
            HtmlContext skipping = new HtmlContext();
            HtmlContext stepping = new HtmlContext();
            List<String> texts = new ArrayList<>();
            List<String> states = new ArrayList<>();
            int segments = 1 + random.nextInt(12);
            for (int s = 0; s < segments; s++) {
                String text = html(random, 40);
                texts.add(text);
                skipping.text(text);
                stepping.stepEach(text);
                assertThat(skipping.describe()).as("run %d, after %s", run, text).isEqualTo(stepping.describe());
                states.add(stepping.describe());
            }
            // the same texts again, now mostly remembered
            HtmlContext again = new HtmlContext();
            for (int s = 0; s < texts.size(); s++) {
                again.text(texts.get(s));
                assertThat(again.describe()).as("run %d again, after %s", run, texts.get(s)).isEqualTo(states.get(s));
            }
        }
    }

    @Test
    void valuesBetweenTextsAreEscapedForWhereTheyLand() {
        Random random = new Random(5);
        for (int run = 0; run < 2_000; run++) {
            HtmlContext skipping = new HtmlContext();
            HtmlContext stepping = new HtmlContext();
            for (int s = 0; s < 8; s++) {
                String text = html(random, 30);
                skipping.text(text);
                stepping.stepEach(text);
                String value = random.nextBoolean() ? "javascript:alert(1)" : "<b a='1'>?&\"</b>";
                assertThat(skipping.escape(value)).isEqualTo(stepping.escape(value));
                assertThat(skipping.describe()).isEqualTo(stepping.describe());
            }
        }
    }

    @Test
    void aLongScriptStillEndsAtItsEndTag() {
        HtmlContext context = new HtmlContext();
        context.text("<script>" + "var t = 'x';".repeat(500) + "</scr");
        context.text("ipt><p title=\"");
        assertThat(context.escape("<")).isEqualTo("&lt;");
        assertThat(context.describe()).startsWith("VALUE|p|title|");
    }

    /** Up to {@code pieces - 1} random pieces of HTML, joined. */
    private static String html(Random random, int pieces) {
        StringBuilder text = new StringBuilder();
        for (int p = random.nextInt(pieces); p > 0; p--) {
            text.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return text.toString();
    }
}
