package dev.vigil.detector.lag;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LagTrendTest {

    private final LagTrend trend = new LagTrend();

    @Test
    void lagThatKeepsRisingIsGrowingFromTheFirstRise() {
        trend.record("flow", 100, 1_000);
        trend.record("flow", 500, 16_000);
        trend.record("flow", 500, 31_000);
        LagTrend.Sample s = trend.record("flow", 900, 46_000);

        assertThat(s.growingSinceMs()).isEqualTo(1_000);
        assertThat(s.growingForMs(61_000)).isEqualTo(60_000);
    }

    @Test
    void aDrainingBacklogIsNotGrowing() {
        trend.record("flow", 100_000, 1_000);
        trend.record("flow", 150_000, 16_000);
        LagTrend.Sample s = trend.record("flow", 90_000, 31_000);

        assertThat(s.growingForMs(31_000)).isZero();
        assertThat(trend.record("flow", 95_000, 46_000).growingSinceMs()).isEqualTo(31_000);
    }

    @Test
    void aCaughtUpDetectorIsNotGrowing() {
        trend.record("dns", 0, 1_000);
        trend.record("dns", 0, 16_000);

        assertThat(trend.latest("dns").orElseThrow().growingForMs(16_000)).isZero();
        assertThat(trend.record("dns", 10, 31_000).growingSinceMs()).isEqualTo(16_000);
    }

    @Test
    void topicsAreTrackedSeparately() {
        trend.record("flow", 10, 1_000);
        trend.record("flow", 20, 2_000);
        trend.record("dns", 5, 2_000);

        assertThat(trend.latest("dns").orElseThrow().growingSinceMs()).isZero();
        assertThat(trend.latest("flow").orElseThrow().growingSinceMs()).isEqualTo(1_000);
        assertThat(trend.latest("cloudtrail")).isEmpty();
    }
}
