package io.flowstate.bench;

/** The least-squares slope of a series sampled at equal intervals, the trend a soak checks for a leak. */
final class HeapTrend {

    private HeapTrend() {
    }

    /** Slope of {@code values} against their index (units per sample); 0 for fewer than two values. */
    static double slopePerSample(double[] values) {
        int n = values.length;
        if (n < 2) {
            return 0;
        }
        double meanX = (n - 1) / 2.0;
        double meanY = 0;
        for (double value : values) {
            meanY += value / n;
        }
        double covariance = 0;
        double variance = 0;
        for (int i = 0; i < n; i++) {
            covariance += (i - meanX) * (values[i] - meanY);
            variance += (i - meanX) * (i - meanX);
        }
        return covariance / variance;
    }
}
