package io.flowstate.server.nflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowstate.server.config.FlowstateConfig;
import io.flowstate.server.config.SessionConfig;
import io.flowstate.server.testkit.ConfigChange;
import io.flowstate.server.testkit.FlowstateServerTest;
import io.flowstate.server.testkit.ServerUnderTest;
import io.flowstate.server.testkit.StoreKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Behind HTTPS ({@code session.secureCookie = true}) the run and login cookies of nFlow apps are {@code Secure}. */
@FlowstateServerTest(flows = "src/test/resources/nflow", store = StoreKind.SQLITE, configure = NflowSecureCookiesIT.Secure.class)
class NflowSecureCookiesIT {

    public static final class Secure implements ConfigChange {
        @Override
        public FlowstateConfig apply(FlowstateConfig config) {
            return config.withSession(new SessionConfig(config.session().idleTtl(), true));
        }
    }

    @Test
    void theRunCookieAndTheLoginCookieAreSecure(ServerUnderTest server) {
        Browser browser = new Browser(server.port());
        Browser.Page page = browser.get("/api/form");
        Browser.Page login = browser.get("/api/login");
        Browser.Page loggedIn = browser.submit(login, Map.of("username", "ann", "password", "ann"));

        List<String> runCookies = page.response().headers().allValues("Set-Cookie");
        List<String> loginCookies = loggedIn.response().headers().allValues("Set-Cookie");
        assertThat(runCookies).anySatisfy(c -> assertThat(c).startsWith("flowstate_pid_jsonapi.api.form=")
                .contains("; Secure").contains("HttpOnly"));
        assertThat(loginCookies).anySatisfy(c -> assertThat(c).startsWith("flowstate_auth=").contains("; Secure"));
    }
}
