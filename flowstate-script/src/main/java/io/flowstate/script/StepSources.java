package io.flowstate.script;

import java.util.concurrent.ConcurrentHashMap;
import org.graalvm.polyglot.Source;

/**
 * Wraps step scripts into {@link Source}s and caches them for the whole engine, so every context that
 * evaluates the same step shares one parse.
 *
 * <p>The wrapper declares {@code state}, {@code input} and {@code next} in a scope that encloses the
 * script's own function, so the script may reassign them ({@code state = {...}}) and may {@code return}
 * early; the wrapper then hands back the final {@code state} and {@code next}. The script starts on the
 * wrapper's first line, so line numbers in errors are the script's own.
 */
final class StepSources {

    /** Bounds memory when flows are edited often; a dropped entry is merely parsed again. */
    private static final int MAX_CACHED = 4096;

    private static final String PREFIX = "(function (state, input) { var next; (function () {";
    private static final String SUFFIX = "\n})(); return [state, next]; })";

    private final ConcurrentHashMap<StepKey, Source> sources = new ConcurrentHashMap<>();

    Source sourceOf(StepKey key) {
        Source source = sources.get(key);
        if (source != null) {
            return source;
        }
        if (sources.size() >= MAX_CACHED) {
            sources.clear();
        }
        return sources.computeIfAbsent(key, StepSources::wrap);
    }

    /** A source whose text is {@code text} as given (no wrapper), cached like step sources. */
    Source literal(StepKey key, String text) {
        Source source = sources.get(key);
        if (source != null) {
            return source;
        }
        if (sources.size() >= MAX_CACHED) {
            sources.clear();
        }
        return sources.computeIfAbsent(key, k -> Source.newBuilder("js", text, k.stepId() + ".js").cached(true)
                .buildLiteral());
    }

    private static Source wrap(StepKey key) {
        String name = key.flowId() + "/" + key.stepId() + ".js";
        return Source.newBuilder("js", PREFIX + key.script() + SUFFIX, name).cached(true).buildLiteral();
    }
}
