package io.flowstate.server.nflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowstate.server.CountingProcessStore;
import io.flowstate.server.testkit.FlowstateServerExtension;
import io.flowstate.server.testkit.Http;
import io.flowstate.server.testkit.ServerSetup;
import io.flowstate.server.testkit.StoreKind;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The owner check of nFlow processes reads the process once, and a read route answers its owner from that read: a
 * logged-in user's {@code GET /process/{id}} costs the store the login's read and the process's, not a second read
 * of the process.
 */
class NflowOwnerReadCostIT {

    static CountingProcessStore counting;

    @RegisterExtension
    static final FlowstateServerExtension SERVER = new FlowstateServerExtension(
            ServerSetup.of("src/test/resources/nflow").withStore(StoreKind.MEMORY)
                    .withStoreDecorator(store -> counting = new CountingProcessStore(store)));

    @Test
    void theOwnersReadsCostOneReadOfTheProcess() {
        Browser ann = new Browser(SERVER.port());
        Browser.Page login = ann.get("/api/login");
        assertThat(ann.submit(login, Map.of("username", "ann", "password", "ann")).body())
                .contains("window.location.href");
        String id = ann.get("/api/private").hidden("nflow_process_id");
        Http http = SERVER.http();

        for (String read : new String[] {"", "/state", "/history"}) {
            counting.reset();
            assertThat(http.get("/process/" + id + read, "Cookie", ann.cookieHeader()).status()).as(read)
                    .isEqualTo(200);
            assertThat(counting.calls().get("get")).as(read).isEqualTo(2L); // the login, then the process, once
        }
    }
}
