package io.flowstate.server.examples;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstate.core.engine.ScriptCall;
import io.flowstate.core.engine.ScriptResult;
import io.flowstate.core.engine.ScriptRunner;
import io.flowstate.core.json.Json;
import java.io.IOException;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

/**
 * Runs script steps in plain GraalJS with the native contract ({@code state}, {@code input}, {@code next}), so
 * the example flows can be walked end to end here. It has none of the sandbox limits of the real runner in
 * flowstate-script; it only has to run trusted example scripts.
 */
final class JavaScriptSteps implements ScriptRunner, AutoCloseable {

    private final Engine engine = Engine.newBuilder("js").option("engine.WarnInterpreterOnly", "false").build();

    @Override
    public ScriptResult run(ScriptCall call) {
        try (Context context = Context.newBuilder("js").engine(engine).build()) {
            Value bindings = context.getBindings("js");
            bindings.putMember("stateJson", Json.text(call.state()));
            bindings.putMember("inputJson", Json.text(call.input()));
            context.eval("js", "var state = JSON.parse(stateJson), input = JSON.parse(inputJson), next = null;");
            context.eval("js", call.step().script());
            ObjectNode state = (ObjectNode) Json.parse(context.eval("js", "JSON.stringify(state)").asString());
            Value next = bindings.getMember("next");
            return new ScriptResult.Success(state, next.isNull() ? null : next.asString());
        } catch (PolyglotException | IOException e) {
            return ScriptResult.Failure.failed(e.getMessage());
        }
    }

    @Override
    public void close() {
        engine.close();
    }
}
