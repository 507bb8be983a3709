package io.flowstate.nflow.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowstate.core.json.Json;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class MustacheTemplateTest {

    @Test
    void rendersSectionsEscapedAndRawValues() throws IOException {
        String out = MustacheTemplate.render("<p>{{name}}</p>{{{raw}}}{{#items}}[{{.}}]{{/items}}{{^none}}empty{{/none}}",
                Json.parse("{\"name\": \"<b>A&B</b>\", \"raw\": \"<i>x</i>\", \"items\": [1, 2]}"));

        assertThat(out).isEqualTo("<p>&lt;b&gt;A&amp;B&lt;/b&gt;</p><i>x</i>[1][2]empty");
    }

    @Test
    void aTemplateThatDoesNotCompileThrows() {
        assertThatThrownBy(() -> MustacheTemplate.render("{{#open}}", Json.object()))
                .isInstanceOf(TemplateException.class);
    }
}
