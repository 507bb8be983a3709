package io.flowstate.script;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.ResourceLimits;
import org.graalvm.polyglot.SandboxPolicy;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.io.IOAccess;

/**
 * The shared GraalJS {@link Engine} and the one place that decides what a script context may do.
 *
 * <p>Both the engine and every context use {@link SandboxPolicy#CONSTRAINED}, so GraalJS itself rejects
 * a configuration that would grant host access, I/O, threads, processes, native access or environment
 * access; the explicit settings below say the same thing for the reader. Guest output goes nowhere. The
 * non-standard globals {@code print}, {@code load}, {@code console} and {@code Graal} are switched off
 * with stable options; the rest ({@code Java}, {@code Packages}, ...) are deleted by {@code sandbox.js},
 * which avoids experimental options.
 */
final class Sandbox implements AutoCloseable {

    private static final String BOOTSTRAP_RESOURCE = "sandbox.js";

    /** Grants nothing: no public members, no annotated exports, no mutable mappings of host objects. */
    private static final HostAccess NO_HOST_ACCESS = HostAccess.newBuilder().allowMutableTargetMappings().build();

    private final Engine engine;
    private final ResourceLimits resourceLimits;
    private final Source bootstrap;

    Sandbox(ScriptLimits limits) {
        this.engine = Engine.newBuilder("js")
                .sandbox(SandboxPolicy.CONSTRAINED)
                .out(OutputStream.nullOutputStream())
                .err(OutputStream.nullOutputStream())
                // GraalJS community on a stock JDK runs in the interpreter; that is expected, not a warning.
                .option("engine.WarnInterpreterOnly", "false")
                .option("js.print", "false")
                .option("js.load", "false")
                .option("js.console", "false")
                .option("js.graal-builtin", "false")
                .build();
        // Counts the step's own statements, not those of the (internal) lockdown and result handling. The
        // count is cumulative per context, so it is reset before each step. One filter instance serves
        // all contexts, as a shared engine requires.
        Predicate<Source> stepSourcesOnly = source -> !source.isInternal();
        this.resourceLimits = ResourceLimits.newBuilder().statementLimit(limits.statementLimit(), stepSourcesOnly).build();
        this.bootstrap = Source.newBuilder("js", readBootstrap(), BOOTSTRAP_RESOURCE)
                .internal(true)
                .cached(true)
                .buildLiteral();
    }

    /** Creates a locked-down context; costs tens of milliseconds, so callers pool the result. */
    SandboxContext newContext() {
        Context context = Context.newBuilder("js")
                .engine(engine)
                .sandbox(SandboxPolicy.CONSTRAINED)
                .out(OutputStream.nullOutputStream())
                .err(OutputStream.nullOutputStream())
                .allowHostAccess(NO_HOST_ACCESS)
                .allowHostClassLookup(className -> false)
                .allowHostClassLoading(false)
                .allowIO(IOAccess.NONE)
                .allowCreateThread(false)
                .allowCreateProcess(false)
                .allowNativeAccess(false)
                .allowEnvironmentAccess(EnvironmentAccess.NONE)
                .allowPolyglotAccess(PolyglotAccess.NONE)
                .allowInnerContextOptions(false)
                .useSystemExit(false)
                .resourceLimits(resourceLimits)
                .build();
        try {
            return new SandboxContext(context, context.eval(bootstrap));
        } catch (RuntimeException e) {
            context.close(true);
            throw e;
        }
    }

    /** Closes the engine, cancelling any context that is still running. */
    @Override
    public void close() {
        engine.close(true);
    }

    private static String readBootstrap() {
        try (InputStream in = Sandbox.class.getResourceAsStream(BOOTSTRAP_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + BOOTSTRAP_RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
