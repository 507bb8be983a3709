package io.flowstate.server.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Which instance a {@link ServerUnderTest} or {@link Http} parameter is, when {@link FlowstateServerTest#instances}
 * starts several: {@code @Instance(1) ServerUnderTest b}. Without it a parameter is instance 0.
 */
@Documented
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
public @interface Instance {
    /** The instance, from 0. */
    int value();
}
