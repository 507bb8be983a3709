package io.flowstate.testkit.redis;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RedisBinariesTest {

    @AfterEach
    void clearProperty() {
        System.clearProperty(RedisBinaries.SERVER_PROPERTY);
    }

    @Test
    void namesThePropertyWhenItPointsAtNoExecutable() {
        System.setProperty(RedisBinaries.SERVER_PROPERTY, "/nonexistent/redis-server");

        assertThatThrownBy(RedisBinaries::server)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("-Dflowstate.redis.server=/nonexistent/redis-server")
                .hasMessageContaining("not an executable");
    }
}
