package io.flowstate.server.nflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The acceptance walk of NFLOW.md §9 through the sample app's {@code /pepe11}, as a browser posts it. {@code ports}
 * picks the instance of each request (one server, or two alternating).
 */
final class Pepe11Walk {

    static final String RESULT = "{\"cantidad\":\"1000\",\"celular\":\"1155550000\",\"codigo\":\"1111\",\"cuotas\":\"6\","
            + "\"interes\":\"100.00\",\"mail\":\"\",\"nombre\":\"Ana\",\"paso_codigo\":\"ok\",\"tipo\":\"celular\","
            + "\"valorCuota\":\"183.33\",\"valorTotal\":\"1100.00\"}\n";

    private Pepe11Walk() {
    }

    /** Walks to the end in process mode; returns the process id. */
    static String walk(Browser browser, IntFunction<Integer> ports) {
        return walk(browser, ports, false);
    }

    /**
     * Walks to the end; returns the process id, or "" in session mode, where no page names the run and every answer
     * says {@code Flowstate-Mode: session}.
     */
    static String walk(Browser browser, IntFunction<Integer> ports, boolean session) {
        Browser.Page page1 = browser.at(ports.apply(0)).get("/pepe11");
        assertThat(page1.status()).isEqualTo(200);
        assertThat(page1.body()).contains("Paso 1:");
        assertThat(page1.action()).isEqualTo("/pepe11/nftk/Datos%20Personales");
        String id = page1.hidden("nflow_process_id");
        if (session) {
            assertThat(id).isEmpty();
            assertThat(page1.body()).doesNotContain("nflow_process_id");
            assertThat(page1.header("Flowstate-Process-Id")).isEmpty();
            assertThat(browser.cookie("flowstate_session")).isNotEmpty();
        } else {
            assertThat(id).hasSize(36);
        }

        Browser.Page page2 = browser.at(ports.apply(1)).submit(page1, Map.of("nombre", "Ana"));
        assertThat(page2.status()).isEqualTo(200);
        assertThat(page2.body()).contains("Paso 2:");

        Browser.Page page3 = browser.at(ports.apply(2)).submit(page2, celular());
        assertThat(page3.body()).contains("Paso 3 - Celular:");

        Browser.Page again2 = browser.at(ports.apply(3)).submit(page3, Map.of("codigo", "9999"));
        assertThat(again2.status()).isEqualTo(200);
        assertThat(again2.body()).contains("Paso 2:");

        Browser.Page again3 = browser.at(ports.apply(4)).submit(again2, celular());
        assertThat(again3.body()).contains("Paso 3 - Celular:");

        Browser.Page page4 = browser.at(ports.apply(5)).submit(again3, Map.of("codigo", "1111"));
        assertThat(page4.body()).contains("Paso 4:");
        assertThat(page4.action()).isEqualTo("/pepe11");

        Map<String, String> loan = new LinkedHashMap<>();
        loan.put("cantidad", "1000");
        loan.put("cuotas", "6");
        loan.put("interes", "100.00");
        loan.put("valorCuota", "183.33");
        loan.put("valorTotal", "1100.00");
        Browser.Page done = browser.at(ports.apply(6)).submit(page4, loan);
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.header("Content-Type")).startsWith("application/json");
        assertThat(done.body()).isEqualTo(RESULT);
        String mode = session ? "session" : "process";
        for (Browser.Page page : List.of(page1, page2, page3, again2, again3, page4, done)) {
            assertThat(page.header("Flowstate-Mode")).isEqualTo(mode);
        }
        return id;
    }

    static Map<String, String> celular() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("tipo", "celular");
        fields.put("celular", "1155550000");
        fields.put("mail", "");
        return fields;
    }
}
