package io.flowstate.server.logging;

import java.util.regex.Pattern;

/**
 * The route a path matched, for the access log: {@code /process/{id}/step} rather than the path with its id, so
 * lines of one route group together. Paths of no route stay as they are.
 */
final class RouteTemplate {

    private static final Pattern PROCESS = Pattern.compile("^/process/[^/]+");
    private static final Pattern FLOW = Pattern.compile("^/flows/[^/]+$");

    private RouteTemplate() {
    }

    static String of(String path) {
        if (PROCESS.matcher(path).find()) {
            return PROCESS.matcher(path).replaceFirst("/process/{id}");
        }
        if (FLOW.matcher(path).matches()) {
            return "/flows/{id}";
        }
        return path;
    }
}
