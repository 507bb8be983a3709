package io.flowstate.nflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NflowRouterTest {

    @TempDir
    Path dir;

    NflowRouter router;

    @BeforeEach
    void load() throws IOException {
        Apps.write(dir, "a.json", Apps.single("s1", "/users/:id", "ANY", "false"));
        Apps.write(dir, "b.json", Apps.single("s2", "/users/me", "ANY", "false"));
        Apps.write(dir, "c.json", Apps.single("s3", "/users/:name", "POST", "false"));
        Apps.write(dir, "d.json", Apps.single("s4", "/pepe11", "ANY", "false"));
        NflowApps apps = new DrawflowLoader(Set.of()::contains).load(dir);
        assertThat(apps.errors()).isEmpty();
        router = new NflowRouter(apps.flows());
    }

    @Test
    void anExactSegmentBeatsACapture() {
        assertThat(matched(router.route("GET", "/users/me")).flow().id()).isEqualTo("b.users.me");
    }

    @Test
    void aNamedMethodBeatsAnyAndCapturesAreDecoded() {
        Route.Matched post = matched(router.route("POST", "/users/Ana%20Mar%C3%ADa"));
        assertThat(post.flow().id()).isEqualTo("c.users.name");
        assertThat(post.vars()).containsEntry("name", "Ana María");
        assertThat(matched(router.route("GET", "/users/7")).vars()).containsEntry("id", "7");
    }

    @Test
    void markersEndTheEndpointAndNfnextClaimsANode() {
        Route.Matched tk = matched(router.route("POST", "/pepe11/nftk/Datos%20Personales"));
        assertThat(tk.endpoint()).isEqualTo("/pepe11");
        assertThat(tk.claimed()).isNull();
        Route.Matched next = matched(router.route("POST", "/pepe11/nftk/Paso/nfnext/abc-1"));
        assertThat(next.claimed()).isEqualTo("abc-1");
    }

    @Test
    void headAndOptionsNeverRunAFlowAndATrailingSlashIsAnotherPath() {
        assertThat(router.route("HEAD", "/pepe11")).isInstanceOfSatisfying(Route.WrongMethod.class,
                w -> assertThat(w.allow()).containsExactly("GET", "POST", "PUT", "PATCH", "DELETE"));
        assertThat(router.route("OPTIONS", "/pepe11")).isInstanceOf(Route.WrongMethod.class);
        assertThat(router.route("GET", "/pepe11/")).isInstanceOf(Route.None.class);
        assertThat(router.route("GET", "/nothing")).isInstanceOf(Route.None.class);
    }

    private static Route.Matched matched(Route route) {
        assertThat(route).isInstanceOf(Route.Matched.class);
        return (Route.Matched) route;
    }
}
