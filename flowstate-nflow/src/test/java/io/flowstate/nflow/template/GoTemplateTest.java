package io.flowstate.nflow.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowstate.core.json.Json;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class GoTemplateTest {

    static JsonNode data() throws IOException {
        return Json.mapper().readTree("""
                {"name": "<b>\\"Ana\\" & 'co'</b>", "n": 3, "f": 2.5, "list": ["a", "b"], "profile": {"username": "dev1"},
                 "url": "javascript:alert(1)", "path": "/a b/ü", "empty": "", "html": "<i>x</i>"}
                """);
    }

    static String render(String template) throws IOException {
        return GoTemplate.parse(template).render(data());
    }

    @Test
    void escapesTextAndAttributes() throws IOException {
        assertThat(render("<p>{{.name}}</p>")).isEqualTo("<p>&lt;b&gt;&#34;Ana&#34; &amp; &#39;co&#39;&lt;/b&gt;</p>");
        assertThat(render("<input value='{{.name}}'>"))
                .isEqualTo("<input value='&lt;b&gt;&#34;Ana&#34; &amp; &#39;co&#39;&lt;/b&gt;'>");
        assertThat(render("{{.html | unescapeHTML}}")).isEqualTo("<i>x</i>");
    }

    @Test
    void escapesUrlAttributesByPart() throws IOException {
        assertThat(render("<a href=\"{{.url}}\">")).isEqualTo("<a href=\"#ZgotmplZ\">");
        assertThat(render("<a href=\"{{.path}}\">")).isEqualTo("<a href=\"/a%20b/%c3%bc\">");
        assertThat(render("<a href=\"/x?q={{.path}}\">")).isEqualTo("<a href=\"/x?q=%2fa%20b%2f%c3%bc\">");
    }

    @Test
    void escapesValuesInScripts() throws IOException {
        assertThat(render("<script>var n = {{.name}};</script>"))
                .isEqualTo("<script>var n = \"\\u003cb\\u003e\\\"Ana\\\" \\u0026 'co'\\u003c/b\\u003e\";</script>");
    }

    @Test
    void supportsIndexIfRangeWithComparisonsAndPipes() throws IOException {
        assertThat(render("{{index .profile \"username\"}}|{{index .list 1}}|{{.missing}}|{{.n}}|{{.f}}"))
                .isEqualTo("dev1|b||3|2.5");
        assertThat(render("{{if eq .n 3}}three{{else}}other{{end}} {{if not .empty}}empty{{end}}"))
                .isEqualTo("three empty");
        assertThat(render("{{range .list}}[{{.}}]{{else}}none{{end}}{{with .profile}}{{.username}}{{end}}"))
                .isEqualTo("[a][b]dev1");
        assertThat(render("{{if and (gt .n 2) (lt .f 3)}}yes{{end}}{{len .list}}{{/* a comment */}}"))
                .isEqualTo("yes2");
        assertThat(render("{{- if .n -}}  x  {{- end}}")).isEqualTo("x");
    }

    @Test
    void errorsThrow() {
        assertThatThrownBy(() -> render("{{if .n}}open")).isInstanceOf(TemplateException.class);
        assertThatThrownBy(() -> render("{{nosuch .n}}")).isInstanceOf(TemplateException.class);
    }
}
