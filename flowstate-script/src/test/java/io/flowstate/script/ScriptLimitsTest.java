package io.flowstate.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScriptLimitsTest {

    @Test
    void defaultsMatchTheServerConfiguration() {
        assertThat(ScriptLimits.DEFAULTS).isEqualTo(new ScriptLimits(1_000_000, Duration.ofSeconds(2)));
    }

    @Test
    void rejectsLimitsThatWouldStopEveryStep() {
        assertThatThrownBy(() -> new ScriptLimits(0, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("statementLimit");
        assertThatThrownBy(() -> new ScriptLimits(1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
        assertThatThrownBy(() -> new ScriptLimits(1, Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
    }
}
