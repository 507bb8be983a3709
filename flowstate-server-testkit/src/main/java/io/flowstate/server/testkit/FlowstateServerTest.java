package io.flowstate.server.testkit;

import io.flowstate.core.flow.Mode;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts real Flowstate servers for a test class, before its first {@code @BeforeAll} method, and stops them after
 * its last test. Test methods, {@code @BeforeAll}/{@code @BeforeEach} methods and constructors receive them as
 * parameters: {@link ServerUnderTest}, {@link Http} (a client of it), {@link io.flowstate.testkit.MutableClock}
 * (with {@link #mutableClock}) and {@link io.flowstate.testkit.redis.RedisServer} (with {@link StoreKind#REDIS}).
 * With several {@link #instances}, {@link Instance @Instance(n)} picks one.
 *
 * <pre>{@code
 * @FlowstateServerTest(flows = "src/test/resources/flows", store = StoreKind.SQLITE)
 * class SignupIT {
 *     @Test
 *     void startsAtTheProfileForm(Http http) {
 *         assertThat(http.post("/workflow/start", "{\"flow\": \"signup\"}").status()).isEqualTo(201);
 *     }
 * }
 * }</pre>
 *
 * <p>A setting without an attribute here goes in a {@link ConfigChange} class named by {@link #configure}; a setup
 * that needs code (a store decorator, a secret made at run time) uses {@link FlowstateServerExtension} instead.
 */
@Documented
@Inherited
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(AnnotatedServerExtension.class)
public @interface FlowstateServerTest {

    /** The directory of flow files (native JSON or YAML), relative to the working directory (Maven: the module). */
    String flows();

    /** Where processes are kept. */
    StoreKind store() default StoreKind.MEMORY;

    /** How many servers share the store, each with its own connections; more than one needs {@link StoreKind#REDIS}. */
    int instances() default 1;

    /** The mode of flows that name none. */
    Mode mode() default Mode.PROCESS;

    /**
     * Runs the servers on a {@code MutableClock} standing at {@link ServerSetup#CLOCK_START} instead of the system
     * clock; the test moves it.
     */
    boolean mutableClock() default false;

    /** Token keys, the first sealing: {@code "kid"} (a fresh random secret) or {@code "kid=base64secret"}. */
    String[] tokenKeys() default {};

    /** Other settings, applied in order after the attributes above; each class needs a no-argument constructor. */
    Class<? extends ConfigChange>[] configure() default {};
}
