package dev.vigil.detector.commits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;

class BacklogSignalTest {

    private static final Set<String> TOPICS = Set.of("vigil.flow-logs.v1", "vigil.dns-logs.v1");
    private final Map<MetricName, Metric> metrics = new LinkedHashMap<>();

    @Test
    void sumsTheLatestLagOfTheLogTopicsPartitions() {
        lag("vigil.flow-logs.v1", "0", 120_000);
        lag("vigil.flow-logs.v1", "1", 80_000);
        lag("vigil.dns-logs.v1", "2", 5);

        assertThat(BacklogSignal.lagOf(metrics, TOPICS)).isEqualTo(200_005);
    }

    @Test
    void leavesOutOtherTopicsTheDeprecatedTwinsAndUnknownLag() {
        lag("vigil.flow-logs.v1", "0", 7);
        lag("vigil_flow-logs_v1", "0", 7); // the clients' deprecated name of the same partition's lag
        lag("vigil.accounts.state.v1", "0", 1_000_000); // a global table's topic
        lag("vigil.dns-logs.v1", "0", Double.NaN); // before the partition's first fetch
        metrics.put(new MetricName("records-lag", "consumer-fetch-manager-metrics", "",
                Map.of("client-id", "c", "topic", "vigil.flow-logs.v1")), metric(9_999)); // no partition tag
        metrics.put(new MetricName("records-lag-max", "consumer-fetch-manager-metrics", "",
                Map.of("client-id", "c", "topic", "vigil.flow-logs.v1", "partition", "0")), metric(9_999));

        assertThat(BacklogSignal.lagOf(metrics, TOPICS)).isEqualTo(7);
    }

    @Test
    void noConsumerMetricsMeansNoLag() {
        assertThat(BacklogSignal.lagOf(Map.of(), TOPICS)).isZero();
    }

    private void lag(String topic, String partition, double value) {
        metrics.put(new MetricName(BacklogSignal.RECORDS_LAG, "consumer-fetch-manager-metrics", "",
                Map.of("client-id", "vigil-detector-StreamThread-1-consumer", "topic", topic, "partition", partition)),
                metric(value));
    }

    private static Metric metric(double value) {
        return new Metric() {
            @Override
            public MetricName metricName() {
                return null;
            }

            @Override
            public Object metricValue() {
                return value;
            }
        };
    }
}
