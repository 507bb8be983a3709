package io.flowstate.nflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DrawflowLoaderTest {

    private final DrawflowLoader loader = new DrawflowLoader(Set.of("form", "json")::contains);

    @TempDir
    Path dir;

    @Test
    void loadsEveryTabsConnectedStartersBesideNativeFlows() throws IOException {
        Apps.write(dir, "native.json", "{\"id\": \"signup\", \"start\": \"a\", \"steps\": {}}");
        Apps.write(dir, "shop.json", """
                {"drawflow": {
                  "": {"data": {}},
                  "Tab1": {"data": {
                    "s1": {"data": {"type": "starter", "urlpattern": "/orders/:id", "method": "GET", "nflow_auth": "true"},
                           "outputs": {"output_1": {"connections": [{"node": "f"}]}}},
                    "s2": {"data": {"type": "starter", "urlpattern": "", "method": "GET"}, "outputs": {}},
                    "f": {"data": {"type": "js", "script": "form", "name_box": "Form"},
                          "outputs": {"output_1": {"connections": [{"node": "g"}]}}},
                    "g": {"data": {"type": "gorutine"}, "outputs": {"output_1": {"connections": [{"node": "e"}]},
                          "output_2": {"connections": [{"node": "e"}]}}},
                    "e": {"data": {"type": "js", "code": "function main(){}"}, "outputs": {}}}},
                  "Tab2": {"data": {
                    "s3": {"data": {"type": "starter", "urlpattern": "/pay", "method": "ANY", "nflow_auth": false},
                           "outputs": {"output_1": {"connections": [{"node": "j"}]}}},
                    "j": {"data": {"type": "js", "script": "json"}, "outputs": {}}}}
                }}
                """);

        NflowApps apps = loader.load(dir);

        assertThat(apps.errors()).isEmpty();
        assertThat(apps.flows()).extracting(NflowFlow::id).containsExactly("shop.orders.id", "shop.pay");
        NflowFlow orders = apps.flows().get(0);
        assertThat(orders.tab()).isEqualTo("Tab1");
        assertThat(orders.auth()).isTrue();
        assertThat(orders.methods()).containsExactly("GET");
        assertThat(orders.first()).isEqualTo("f");
        assertThat(orders.node("g").orElseThrow().target("output_2")).isEqualTo("e");
        assertThat(apps.flows().get(1).methods()).containsExactly("GET", "POST", "PUT", "PATCH", "DELETE");
    }

    @Test
    void refusesANodeWithoutTypeNamingFileTabAndNode() throws IOException {
        Apps.write(dir, "bad.json", """
                {"drawflow": {"Main": {"data": {
                  "s": {"data": {"type": "starter", "urlpattern": "/x", "method": "GET"},
                        "outputs": {"output_1": {"connections": [{"node": "n"}]}}},
                  "n": {"data": {"code": "function main(){}"}, "outputs": {}}}}}}
                """);
        Apps.write(dir, "good.json", Apps.single("s9", "/ok", "GET", "false"));

        NflowApps apps = loader.load(dir);

        assertThat(apps.flows()).extracting(NflowFlow::id).containsExactly("good.ok");
        assertThat(apps.errors()).anySatisfy(e -> assertThat(e.message()).contains("bad.json")
                .contains("tab 'Main'").contains("node 'n'").contains("no 'type'"));
    }

    @Test
    void refusesAnOutputWiredToAMissingNode() throws IOException {
        Apps.write(dir, "app.json", """
                {"drawflow": {"Main": {"data": {
                  "s": {"data": {"type": "starter", "urlpattern": "/x", "method": "GET"},
                        "outputs": {"output_1": {"connections": [{"node": "n"}]}}},
                  "n": {"data": {"type": "js", "code": "function main(){}"},
                        "outputs": {"output_1": {"connections": [{"node": "ghost"}]}}}}}}}
                """);

        NflowApps apps = loader.load(dir);

        assertThat(apps.flows()).isEmpty();
        assertThat(apps.errors()).singleElement().satisfies(e -> assertThat(e.message())
                .contains("app.json, tab 'Main', node 'n': output_1 is wired to node 'ghost'"));
    }

    @Test
    void refusesTheSecondStarterWithTheSameMethodAndPathEvenAcrossFilesAndCaptureNames() throws IOException {
        Apps.write(dir, "a.json", Apps.single("s1", "/items/:a", "GET", "false"));
        Apps.write(dir, "b.json", Apps.single("s2", "/items/:b", "GET", "false"));

        NflowApps apps = loader.load(dir);

        assertThat(apps.flows()).extracting(NflowFlow::id).containsExactly("a.items.a");
        assertThat(apps.errors()).singleElement().satisfies(e -> assertThat(e.message())
                .contains("b.json").contains("node 's2'").contains("/items/:b is already used by a.json"));
    }

    @Test
    void refusesAStarterOnFlowstatesOwnRoutes() throws IOException {
        Apps.write(dir, "app.json", Apps.single("s1", "/process/x", "GET", "false"));

        NflowApps apps = loader.load(dir);

        assertThat(apps.flows()).isEmpty();
        assertThat(apps.errors()).singleElement().satisfies(e -> assertThat(e.message())
                .contains("node 's1'").contains("collides with Flowstate's own routes (/process)"));
    }

    @Test
    void refusesBadMethodAuthAndUnknownModule() throws IOException {
        Apps.write(dir, "m.json", Apps.single("s1", "/m", "FETCH", "false"));
        Apps.write(dir, "n.json", Apps.single("s2", "/n", "GET", "\"maybe\""));
        Apps.write(dir, "o.json", """
                {"drawflow": {"Main": {"data": {
                  "s": {"data": {"type": "starter", "urlpattern": "/o", "method": "GET"},
                        "outputs": {"output_1": {"connections": [{"node": "n"}]}}},
                  "n": {"data": {"type": "js", "script": "no_such_box"}, "outputs": {}}}}}}
                """);

        NflowApps apps = loader.load(dir);

        assertThat(apps.flows()).isEmpty();
        assertThat(apps.errors()).extracting(LoadError::reason).anySatisfy(r -> assertThat(r).contains("'method'"))
                .anySatisfy(r -> assertThat(r).contains("'nflow_auth'"))
                .anySatisfy(r -> assertThat(r).contains("'no_such_box'"));
    }

    @Test
    void twoStartersOfOneFileWithTheSameIdGetTheirStarterIdAppended() throws IOException {
        Apps.write(dir, "app.json", """
                {"drawflow": {"Main": {"data": {
                  "aaaaaaaa-1": {"data": {"type": "starter", "urlpattern": "/x:y", "method": "GET"},
                        "outputs": {"output_1": {"connections": [{"node": "n"}]}}},
                  "bbbbbbbb-2": {"data": {"type": "starter", "urlpattern": "/xy", "method": "GET"},
                        "outputs": {"output_1": {"connections": [{"node": "n"}]}}},
                  "n": {"data": {"type": "js", "code": "function main(){}"}, "outputs": {}}}}}}
                """);

        NflowApps apps = loader.load(dir);

        assertThat(apps.errors()).isEmpty();
        assertThat(apps.flows()).extracting(NflowFlow::id).containsExactly("app.xy-aaaaaaaa", "app.xy-bbbbbbbb");
    }
}
