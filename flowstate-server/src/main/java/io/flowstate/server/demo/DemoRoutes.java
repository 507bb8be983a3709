package io.flowstate.server.demo;

import io.flowstate.core.process.ProblemType;
import io.flowstate.server.wire.Problems;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /demo/…}: the files of the demo page ({@code examples/web}) and, under {@code /demo/sdk/}, the browser
 * SDK's build ({@code sdk/js/dist}). Both folders are read from the working directory on each request, so a rebuilt
 * SDK shows on reload. Only regular files inside the two folders are served; anything else is 404.
 */
public final class DemoRoutes implements HttpService {

    private static final Logger LOG = LoggerFactory.getLogger(DemoRoutes.class);
    private static final String SDK_PREFIX = "sdk/";
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "mjs", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "json", "application/json",
            "map", "application/json",
            "svg", "image/svg+xml",
            "ts", "text/plain; charset=utf-8");

    private final Path page;
    private final Path sdk;

    /** Serves {@code page} at {@code /demo/} and {@code sdk} at {@code /demo/sdk/}. */
    public DemoRoutes(Path page, Path sdk) {
        this.page = page.toAbsolutePath().normalize();
        this.sdk = sdk.toAbsolutePath().normalize();
        if (!Files.isRegularFile(this.sdk.resolve("index.js"))) {
            LOG.warn("the demo page needs the browser SDK's build in {}: run 'npm ci && npm run build' in sdk/js",
                    this.sdk);
        }
        LOG.info("the demo page is served at /demo/ from {}", this.page);
    }

    /**
     * The demo of a checkout: {@code examples/web} and {@code sdk/js/dist} of the working directory, or of the nearest
     * directory above it that has {@code examples/web} (so a server started inside a module finds them too).
     */
    public static DemoRoutes ofWorkingDirectory() {
        Path start = Path.of("").toAbsolutePath();
        Path root = start;
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(Path.of("examples", "web", "index.html")))) {
                root = dir;
                break;
            }
        }
        return new DemoRoutes(root.resolve(Path.of("examples", "web")), root.resolve(Path.of("sdk", "js", "dist")));
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/demo", (request, response) -> response.status(301).header(HeaderNames.LOCATION, "/demo/").send())
                .get("/demo/*", this::file)
                .head("/demo/*", this::file);
    }

    private void file(ServerRequest request, ServerResponse response) {
        String path = request.path().path().substring("/demo/".length());
        Optional<Path> file = resolve(path.isEmpty() || path.endsWith("/") ? path + "index.html" : path);
        if (file.isEmpty()) {
            Problems.of(ProblemType.NOT_FOUND, "No demo file " + request.path().path()).send(response);
            return;
        }
        String name = file.get().getFileName().toString();
        String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        try {
            byte[] body = Files.readAllBytes(file.get());
            response.header(HeaderNames.CONTENT_TYPE, TYPES.getOrDefault(extension, "application/octet-stream"))
                    .header(HeaderNames.CACHE_CONTROL, "no-cache")
                    .header("X-Content-Type-Options", "nosniff")
                    .send(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Optional<Path> resolve(String path) {
        Path root = path.startsWith(SDK_PREFIX) ? sdk : page;
        String inside = path.startsWith(SDK_PREFIX) ? path.substring(SDK_PREFIX.length()) : path;
        if (inside.contains("\\") || inside.contains("\0")) {
            return Optional.empty();
        }
        Path file = root.resolve(inside).normalize();
        return file.startsWith(root) && Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }
}
