package dev.vigil.detector.streams;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * How far the detector's input is behind, per log topic (issue 26 item 4): the gauge {@value #METRIC} (Prometheus
 * {@code vigil_detector_event_time_delay_seconds{topic}}) is the wall-clock time minus the newest event time among
 * the records of that topic processed so far, in seconds (NaN before the first). It grows while the detector lags
 * behind live input; a backfill of old records does not lower it. Kafka's own consumer lag per partition is
 * {@code kafka_consumer_fetch_manager_records_lag_max} in the same registry.
 */
final class EventTimeDelay {

    /** The Micrometer gauge. */
    static final String METRIC = "vigil.detector.event.time.delay";

    private final MeterRegistry registry;
    private final LongSupplier wallClock;
    private final Map<String, AtomicLong> newest = new ConcurrentHashMap<>();

    EventTimeDelay(MeterRegistry registry) {
        this(registry, System::currentTimeMillis);
    }

    EventTimeDelay(MeterRegistry registry, LongSupplier wallClock) {
        this.registry = registry;
        this.wallClock = wallClock;
    }

    /** Notes a processed record of {@code topic} with event time {@code eventTimeMs} (UTC epoch ms; 0: unknown). */
    void seen(String topic, long eventTimeMs) {
        if (eventTimeMs <= 0) {
            return;
        }
        newest.computeIfAbsent(topic, t -> {
            AtomicLong n = new AtomicLong();
            Gauge.builder(METRIC, n, v -> v.get() == 0 ? Double.NaN : (wallClock.getAsLong() - v.get()) / 1000.0)
                    .description("Wall clock minus the newest processed event time of the topic")
                    .baseUnit("seconds").tag("topic", t).register(registry);
            return n;
        }).accumulateAndGet(eventTimeMs, Math::max);
    }
}
