package dev.vigil.detector.commits;

import dev.vigil.detector.lag.LagConfig;
import dev.vigil.detector.lag.Periodic;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Whether the detector is behind its input, for {@link CommitPacing}: the sum of the {@code records-lag} metric (the
 * Kafka consumer's latest lag per partition, measured at each fetch: the partition's high watermark minus the
 * consumer's position) over the stream threads' consumers and the log topics ({@code detector.lag.topics}) is at least
 * {@link CommitsConfig#backlogRecords()}. Read from the running {@link KafkaStreams}' metrics every
 * {@link CommitsConfig#checkInterval()}, in memory, without a request to the broker (the broker-side lag of
 * {@code lag.ConsumerLagMonitor} is sampled every 15 s, too seldom to switch commit intervals). Published as the gauge
 * {@value #GAUGE} ({@code vigil_detector_commits_behind}: 1 behind, 0 caught up).
 */
@ApplicationScoped
public class BacklogSignal {

    /** The gauge: 1 while behind, else 0. */
    static final String GAUGE = "vigil.detector.commits.behind";
    /** The consumer metric read (group {@code consumer-fetch-manager-metrics}, tags topic and partition). */
    static final String RECORDS_LAG = "records-lag";

    private final CommitsConfig config;
    private final Set<String> topics;
    private final Instance<KafkaStreams> streams;
    private volatile boolean behind;
    private ScheduledExecutorService executor;

    public BacklogSignal(CommitsConfig config, LagConfig lagConfig, Instance<KafkaStreams> streams,
            MeterRegistry registry) {
        this.config = config;
        this.topics = Set.copyOf(lagConfig.topics());
        this.streams = streams;
        Gauge.builder(GAUGE, this, s -> s.behind ? 1 : 0)
                .description("Whether the detector has a backlog of its log topics (commits then wait for "
                        + "kafka-streams.commit.interval.ms)")
                .register(registry);
    }

    void start(@Observes StartupEvent ev) {
        if (!config.enabled()) {
            return;
        }
        executor = Periodic.start("commit-pacing", config.checkInterval(), this::check);
    }

    void stop(@Observes ShutdownEvent ev) {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    /** Whether the latest check found a backlog (false before the first check). */
    public boolean behind() {
        return behind;
    }

    private void check() {
        try {
            if (streams.isResolvable()) {
                behind = lagOf(streams.get().metrics(), topics) >= config.backlogRecords();
            }
        } catch (RuntimeException e) {
            Log.debugf("commit pacing: could not read the consumers' lag: %s", e.toString());
        }
    }

    /**
     * The sum of the {@value #RECORDS_LAG} metrics of {@code topics}' partitions in {@code metrics} (the consumers'
     * latest lag per partition; NaN before a partition's first fetch counts as 0). The clients also publish each as a
     * deprecated metric whose topic tag has dots replaced by underscores; only the exact topic names are summed.
     */
    static long lagOf(Map<MetricName, ? extends Metric> metrics, Set<String> topics) {
        long sum = 0;
        for (Map.Entry<MetricName, ? extends Metric> m : metrics.entrySet()) {
            MetricName n = m.getKey();
            if (RECORDS_LAG.equals(n.name()) && topics.contains(n.tags().get("topic"))
                    && n.tags().containsKey("partition") && m.getValue().metricValue() instanceof Double d
                    && !d.isNaN()) {
                sum += d.longValue();
            }
        }
        return sum;
    }
}
