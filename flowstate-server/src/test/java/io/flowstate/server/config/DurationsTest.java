package io.flowstate.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "PT2S, 2000", "pt0.5s, 500", "P1D, 86400000", "PT1H30M, 5400000",
        "500ms, 500", "2s, 2000", "30m, 1800000", "1h30m, 5400000", "7d, 604800000", "2S, 2000", "1m500ms, 60500"
    })
    void readsIsoAndShortForms(String text, long millis) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "2", "soon", "2 s", "1.5s", "s", "PT", "P1X", "-2s", "99999999999999999999d"})
    void rejectsAnythingElse(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
