package dev.vigil.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyBenchmarkTest {

    @Test
    void percentilesAreNearestRankOverTheSamplesThatArrived() {
        List<Long> ms = List.of(900L, 100L, 300L, -1L, 200L, 500L, 400L, 600L, 700L, 800L, 1000L);

        assertThat(LatencyBenchmark.percentile(ms, 50)).isEqualTo(500);
        assertThat(LatencyBenchmark.percentile(ms, 99)).isEqualTo(1000);
        assertThat(LatencyBenchmark.percentile(ms, 10)).isEqualTo(100);
        assertThat(LatencyBenchmark.percentile(List.of(-1L), 50)).isEqualTo(-1);
    }
}
