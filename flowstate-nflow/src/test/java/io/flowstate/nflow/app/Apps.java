package io.flowstate.nflow.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small nFlow-format apps written for the tests. */
final class Apps {
    private Apps() {
    }

    /** One tab 'Main': a starter at {@code url} wired to js node 'n1' that ends. */
    static String single(String starterId, String url, String method, String auth) {
        return """
                {"drawflow": {"Main": {"data": {
                  "%s": {"data": {"type": "starter", "urlpattern": "%s", "method": "%s", "nflow_auth": %s, "name_box": "S"},
                         "outputs": {"output_1": {"connections": [{"node": "n1", "output": "input_1"}]}}},
                  "n1": {"data": {"type": "js", "code": "function main(){ c.JSON(200, payload) }"}, "outputs": {}}
                }}}}
                """.formatted(starterId, url, method, auth);
    }

    static Path write(Path dir, String name, String json) throws IOException {
        return Files.writeString(dir.resolve(name), json);
    }
}
