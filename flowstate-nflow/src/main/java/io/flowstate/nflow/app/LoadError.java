package io.flowstate.nflow.app;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Why an nFlow app file was not loaded: the file, and where known the tab and node.
 */
public record LoadError(Path file, @Nullable String tab, @Nullable String node, String reason) {

    /** "file, tab 'Home', node 'id': reason", as logged at start. */
    public String message() {
        StringBuilder text = new StringBuilder(file.toString());
        if (tab != null) {
            text.append(", tab '").append(tab).append('\'');
        }
        if (node != null) {
            text.append(", node '").append(node).append('\'');
        }
        return text.append(": ").append(reason).toString();
    }
}
