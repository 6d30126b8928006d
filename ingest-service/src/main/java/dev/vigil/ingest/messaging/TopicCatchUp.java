package dev.vigil.ingest.messaging;

import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.TopicPartition;

/**
 * Whether an incoming channel that reads a compacted topic from its beginning (every replica its own consumer group)
 * has caught up with it: on every partition assigned to the channel's consumer, the position reached the end offset
 * the partition had when first seen. The condition must hold on two checks {@link #SETTLE} apart, so that the records
 * fetched before the first one have also been handed to the channel's method. Once caught up it stays so: later
 * records are changes, applied as they come.
 *
 * <p>Why: a replica that answers before it has read the topic judges records by an empty directory (after a restart,
 * every account would have "no enabled detector" and its records would be refused with a 200 that loses them; found
 * by e2e {@code ProcessKillFaultIT}, ingest killed mid-stream). A daemon thread checks every {@link #SETTLE} until
 * caught up; {@link #caughtUp()} is a volatile read.
 */
public final class TopicCatchUp {

    /** Time between checks, and the least time the end must have been reached on two checks. */
    static final Duration SETTLE = Duration.ofMillis(200);

    private final KafkaClientService kafka;
    private final String channel;
    private final Map<TopicPartition, Long> targets = new HashMap<>();
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile boolean caughtUp;
    private boolean reachedOnce;

    /**
     * @param kafka   the Kafka client service; {@code null} when the channel has no Kafka consumer (the in-memory
     *                connector of module tests): then it is caught up from the start
     * @param channel the incoming channel's name
     */
    public TopicCatchUp(KafkaClientService kafka, String channel) {
        this.kafka = kafka;
        this.channel = channel;
        this.caughtUp = kafka == null;
    }

    /** Whether the channel has read its topic up to the end it had at start-up. */
    public boolean caughtUp() {
        return caughtUp;
    }

    /** Starts the checks on a daemon thread (once). */
    public void start() {
        if (caughtUp || !started.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(this::run, channel + "-catch-up");
        t.setDaemon(true);
        t.start();
    }

    private void run() {
        while (!caughtUp) {
            try {
                Thread.sleep(SETTLE.toMillis());
                check();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                Log.debugf("%s: catch-up check failed (%s); retrying", channel, e.toString());
                reachedOnce = false;
            }
        }
        Log.infof("%s: read its topic up to the end offsets seen at start-up %s", channel, targets);
    }

    private void check() {
        KafkaConsumer<Object, Object> consumer = kafka.getConsumer(channel);
        if (consumer == null) {
            return;
        }
        Boolean reached = consumer.runOnPollingThread(c -> {
            Set<TopicPartition> parts = c.assignment();
            if (parts.isEmpty()) {
                return false;
            }
            List<TopicPartition> unknown = parts.stream().filter(p -> !targets.containsKey(p)).toList();
            if (!unknown.isEmpty()) {
                targets.putAll(c.endOffsets(unknown, Duration.ofSeconds(5)));
            }
            for (TopicPartition p : parts) {
                if (c.position(p, Duration.ofSeconds(5)) < targets.get(p)) {
                    return false;
                }
            }
            return true;
        }).await().atMost(Duration.ofSeconds(15));
        caughtUp = reachedOnce && Boolean.TRUE.equals(reached);
        reachedOnce = Boolean.TRUE.equals(reached);
    }
}
