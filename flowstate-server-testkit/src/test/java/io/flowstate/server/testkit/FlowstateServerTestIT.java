package io.flowstate.server.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowstate.testkit.MutableClock;
import io.flowstate.testkit.redis.RedisServer;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The annotation's servers reach every method of the class, and of its nested classes, as parameters. */
@FlowstateServerTest(flows = "src/test/resources/flows", store = StoreKind.REDIS, instances = 2, mutableClock = true,
        configure = FastEvents.class)
class FlowstateServerTestIT {

    static ServerUnderTest started;

    @BeforeAll
    static void remember(ServerUnderTest first) {
        started = first;
    }

    @Test
    void everyParameterIsPartOfTheServersStartedForTheClass(ServerUnderTest first, @Instance(1) ServerUnderTest second,
                                                            @Instance(1) Http secondHttp, MutableClock clock,
                                                            RedisServer redis) {
        assertThat(first).isSameAs(started);
        assertThat(first.instances()).containsExactly(first, second);
        assertThat(secondHttp).isSameAs(second.http());
        assertThat(clock).isSameAs(first.clock()).isSameAs(second.clock());
        assertThat(clock.instant()).isEqualTo(ServerSetup.CLOCK_START);
        assertThat(redis).isSameAs(first.redis());
        assertThat(first.config().store().redisUrl()).isEqualTo(redis.uri())
                .isEqualTo(second.config().store().redisUrl());
        assertThat(first.config().events().heartbeat()).isEqualTo(Duration.ofMillis(300));
    }

    @Test
    void aProcessStartedOnOneInstanceIsReadOnTheOther(Http first, @Instance(1) Http second) {
        String id = first.post("/workflow/start", "{\"flow\": \"signup\"}").processId();

        assertThat(second.get("/process/" + id).json().get("version").asLong()).isEqualTo(1);
    }

    @Nested
    class WithinANestedClass {
        @Test
        void theServersAreThoseOfTheEnclosingClass(ServerUnderTest first) {
            assertThat(first).isSameAs(started);
        }
    }
}
