package io.flowstate.server.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which requests spend the write budget: starts, steps (process, token and session mode) and state edits. */
class WriteActionTest {

    @Test
    void startsStepsOfEveryModeAndStateEditsAreWrites() {
        assertThat(WriteAction.of("POST", "/workflow/start")).contains(WriteAction.START);
        assertThat(WriteAction.of("POST", "/workflow/continue")).contains(WriteAction.STEP);
        assertThat(WriteAction.of("POST", "/process/3f2b8c1e-7d4a-4e8b-9c1f-2a6d5e4b3c21/step"))
                .contains(WriteAction.STEP);
        assertThat(WriteAction.of("POST", "/session/signup/step")).contains(WriteAction.STEP);
        assertThat(WriteAction.of("POST", "/session/signup/migrate")).contains(WriteAction.STEP);
        assertThat(WriteAction.of("PATCH", "/process/x/state")).contains(WriteAction.STATE);
        assertThat(WriteAction.of("PUT", "/process/x/state")).contains(WriteAction.STATE);
    }

    @Test
    void readsAndStreamsAreNot() {
        assertThat(WriteAction.of("GET", "/process/x")).isEqualTo(Optional.empty());
        assertThat(WriteAction.of("GET", "/session/signup")).isEmpty();
        assertThat(WriteAction.of("GET", "/process/x/events")).isEmpty();
        assertThat(WriteAction.of("POST", "/session/signup/step/extra")).isEmpty();
    }
}
