package io.flowstate.server.testkit;

import io.flowstate.testkit.MutableClock;
import io.flowstate.testkit.redis.RedisServer;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * The extension behind {@link FlowstateServerTest}: starts the servers the annotation describes for the class,
 * keeps them in the class's extension store (where its {@code @Nested} classes find them too), resolves
 * parameters from them and stops them after the class.
 */
final class AnnotatedServerExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(AnnotatedServerExtension.class);
    private static final String SERVERS = "servers";

    @Override
    public void beforeAll(ExtensionContext context) {
        Optional<FlowstateServerTest> annotation =
                AnnotationSupport.findAnnotation(context.getRequiredTestClass(), FlowstateServerTest.class);
        if (annotation.isEmpty()) {
            return; // a @Nested class without its own annotation uses the enclosing class's servers
        }
        context.getStore(NAMESPACE).put(SERVERS, setup(annotation.get()).start());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        ServerUnderTest servers = context.getStore(NAMESPACE).remove(SERVERS, ServerUnderTest.class);
        if (servers != null) {
            servers.close();
        }
    }

    /** The setup an annotation describes. */
    static ServerSetup setup(FlowstateServerTest annotation) {
        ServerSetup setup = ServerSetup.of(annotation.flows()).withStore(annotation.store())
                .withInstances(annotation.instances()).withMode(annotation.mode());
        if (annotation.mutableClock()) {
            setup = setup.withMutableClock();
        }
        if (annotation.tokenKeys().length > 0) {
            setup = setup.withTokenKeys(annotation.tokenKeys());
        }
        for (Class<? extends ConfigChange> change : annotation.configure()) {
            setup = setup.withConfig(ReflectionSupport.newInstance(change));
        }
        return setup;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == ServerUnderTest.class || type == Http.class || type == MutableClock.class
                || type == RedisServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ServerUnderTest servers = context.getStore(NAMESPACE).get(SERVERS, ServerUnderTest.class);
        if (servers == null) {
            throw new ParameterResolutionException("no server runs for " + context.getRequiredTestClass().getName()
                    + ": annotate the class with @FlowstateServerTest");
        }
        Class<?> type = parameter.getParameter().getType();
        try {
            if (type == MutableClock.class) {
                return servers.mutableClock();
            }
            if (type == RedisServer.class) {
                return servers.redis();
            }
            ServerUnderTest instance = servers.instance(index(parameter));
            return type == Http.class ? instance.http() : instance;
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new ParameterResolutionException("cannot resolve " + parameter.getParameter() + ": "
                    + e.getMessage(), e);
        }
    }

    private static int index(ParameterContext parameter) {
        @Nullable Instance instance = parameter.findAnnotation(Instance.class).orElse(null);
        return instance == null ? 0 : instance.value();
    }
}
