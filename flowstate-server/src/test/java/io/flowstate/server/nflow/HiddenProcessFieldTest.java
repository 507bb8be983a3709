package io.flowstate.server.nflow;

import static org.assertj.core.api.Assertions.assertThat;

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
}
