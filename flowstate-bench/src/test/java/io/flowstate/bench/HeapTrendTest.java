package io.flowstate.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The slope the soak's leak check relies on. */
class HeapTrendTest {

    @Test
    void slopeOfALineIsItsGradientAndOfNoiseAroundAFlatLineIsSmall() {
        assertThat(HeapTrend.slopePerSample(new double[] {10, 12, 14, 16})).isCloseTo(2.0, within(1e-9));
        assertThat(HeapTrend.slopePerSample(new double[] {30, 31, 29, 30, 31, 29})).isCloseTo(-0.1143, within(1e-3));
        assertThat(HeapTrend.slopePerSample(new double[] {5})).isZero();
    }
}
