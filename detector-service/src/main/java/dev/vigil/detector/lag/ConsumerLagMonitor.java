package dev.vigil.detector.lag;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The detector's consumer lag per log topic (issue 26 item 4), sampled from the broker every
 * {@link LagConfig#pollInterval()}: the sum over the topic's partitions of the last stable offset (read_committed, as
 * the exactly-once Streams consumer reads) minus the Streams application's committed offset (the earliest offset where
 * it has committed none). Published as the gauge {@value #LAG} ({@code vigil_detector_consumer_lag_records{topic}}),
 * and how long it has been growing as {@value #GROWING} ({@code vigil_detector_consumer_lag_growing_seconds{topic}});
 * a WARN line is logged once per episode when it has grown for longer than {@link LagConfig#warnAfter()}. Broker
 * errors are logged and the previous sample stays. Measured from the committed offsets, the lag is the same whichever
 * replica asks, and includes partitions no replica has been assigned yet.
 */
@ApplicationScoped
public class ConsumerLagMonitor {

    /** The lag gauge, in records. */
    static final String LAG = "vigil.detector.consumer.lag";
    /** How long the lag has been growing, in seconds (0: not growing). */
    static final String GROWING = "vigil.detector.consumer.lag.growing";

    private final LagConfig config;
    private final Config mpConfig;
    private final String groupId;
    private final MeterRegistry registry;
    private final LagTrend trend = new LagTrend();
    private final LongSupplier clock = System::currentTimeMillis;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService executor;
    private Admin admin;

    public ConsumerLagMonitor(LagConfig config, Config mpConfig, MeterRegistry registry,
            @ConfigProperty(name = "quarkus.kafka-streams.application-id") String groupId) {
        this.config = config;
        this.mpConfig = mpConfig;
        this.registry = registry;
        this.groupId = groupId;
        for (String topic : config.topics()) {
            Gauge.builder(LAG, trend, t -> t.latest(topic).map(s -> (double) s.lag()).orElse(Double.NaN))
                    .description("Records in the topic not yet processed (committed) by the detector")
                    .baseUnit("records").tag("topic", topic).register(registry);
            Gauge.builder(GROWING, trend, t -> t.latest(topic).map(s -> s.growingForMs(clock.getAsLong()) / 1000.0)
                    .orElse(0.0)).description("How long the detector's lag on the topic has kept growing")
                    .baseUnit("seconds").tag("topic", topic).register(registry);
        }
    }

    void start(@Observes StartupEvent ev) {
        if (!config.enabled()) {
            return;
        }
        Properties p = KafkaClientProperties.from(mpConfig);
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, groupId + "-lag-monitor");
        admin = Admin.create(p);
        executor = Periodic.start("consumer-lag-monitor", config.pollInterval(), this::sampleQuietly);
    }

    void stop(@Observes ShutdownEvent ev) {
        if (executor != null) {
            executor.shutdownNow();
        }
        if (admin != null) {
            admin.close(java.time.Duration.ofSeconds(2));
        }
    }

    /** The latest samples, per topic (empty before the first, or when disabled). */
    public Map<String, LagTrend.Sample> samples() {
        return trend.all();
    }

    /** The configured time after which growing lag is reported. */
    public long warnAfterMs() {
        return config.warnAfter().toMillis();
    }

    /** Now, in epoch ms, on the clock the samples use. */
    public long nowMs() {
        return clock.getAsLong();
    }

    private void sampleQuietly() {
        try {
            sample();
        } catch (Exception e) {
            Log.warnf("consumer lag: could not read offsets from the broker: %s", e.toString());
        }
    }

    private void sample() throws Exception {
        Map<String, TopicDescription> topics = admin.describeTopics(config.topics()).allTopicNames()
                .get(30, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        topics.values().forEach(d -> d.partitions().forEach(i -> {
            latest.put(new TopicPartition(d.name(), i.partition()), OffsetSpec.latest());
            earliest.put(new TopicPartition(d.name(), i.partition()), OffsetSpec.earliest());
        }));
        ListOffsetsOptions committedOnly = new ListOffsetsOptions(IsolationLevel.READ_COMMITTED);
        var ends = admin.listOffsets(latest, committedOnly).all().get(30, TimeUnit.SECONDS);
        var starts = admin.listOffsets(earliest, committedOnly).all().get(30, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        Map<String, Long> lag = new HashMap<>();
        for (TopicPartition tp : latest.keySet()) {
            OffsetAndMetadata c = committed.get(tp);
            long from = c != null ? c.offset() : starts.get(tp).offset();
            lag.merge(tp.topic(), Math.max(0, ends.get(tp).offset() - from), Long::sum);
        }
        long now = clock.getAsLong();
        for (String topic : List.copyOf(lag.keySet())) {
            LagTrend.Sample s = trend.record(topic, lag.get(topic), now);
            if (s.growingForMs(now) > warnAfterMs()) {
                if (warned.add(topic)) {
                    Log.warnf("consumer lag on %s has grown for %d s and is %d records: the detector does not keep up"
                            + " with its input (add stream threads or replicas)", topic, s.growingForMs(now) / 1000,
                            s.lag());
                }
            } else {
                warned.remove(topic);
            }
        }
    }
}
