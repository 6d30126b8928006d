package dev.vigil.detector.feeds;

import dev.vigil.detector.lag.KafkaClientProperties;
import dev.vigil.detector.threatintel.BuiltInThreatIntel;
import dev.vigil.events.Serdes;
import dev.vigil.events.ThreatFeedState;
import dev.vigil.events.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every detector replica reads the whole compacted topic {@link Topics#THREAT_FEEDS} from its beginning, without a
 * consumer group (each replica needs every feed), and applies each feed's last good copy to the built-in threat
 * intelligence ({@link BuiltInThreatIntel#applyFeed}); a tombstone removes the feed. A record that does not parse is
 * skipped, counted in {@code vigil_threat_feed_records_rejected_total} and logged: the previous copy stays.
 *
 * <p>Kafka settings are the service's {@code kafka.*} properties (bootstrap servers and, on Kubernetes, the SASL/TLS
 * settings), so it connects wherever the Streams application does. Off with
 * {@code detector.threat-feeds.enabled=false} (the module tests, which have no broker).
 */
@ApplicationScoped
public class ThreatFeedSubscriber {

    private final BuiltInThreatIntel intel;
    private final Config config;
    private final boolean enabled;
    private final Counter rejected;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile KafkaConsumer<String, byte[]> consumer;

    public ThreatFeedSubscriber(BuiltInThreatIntel intel, Config config, MeterRegistry registry,
            @ConfigProperty(name = "detector.threat-feeds.enabled", defaultValue = "true") boolean enabled) {
        this.intel = intel;
        this.config = config;
        this.enabled = enabled;
        this.rejected = Counter.builder("vigil_threat_feed_records_rejected").description(
                "threat-feed records that did not parse; the previous copy of the feed stays").register(registry);
    }

    void start(@Observes StartupEvent ev) {
        if (!enabled) {
            return;
        }
        running.set(true);
        Thread t = new Thread(this::run, "threat-feed-subscriber");
        t.setDaemon(true);
        t.start();
    }

    void stop(@Observes ShutdownEvent ev) {
        running.set(false);
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    /** The consumer's settings: every {@code kafka.*} property less its prefix, no group, bytes in. */
    Properties properties() {
        Properties p = KafkaClientProperties.from(config);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(Topics.THREAT_LIST_MAX_MESSAGE_BYTES));
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return p;
    }

    private void run() {
        Serdes.ThreatFeeds serde = new Serdes.ThreatFeeds();
        while (running.get()) {
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(properties())) {
                consumer = c;
                List<TopicPartition> parts = c.partitionsFor(Topics.THREAT_FEEDS, Duration.ofSeconds(30)).stream()
                        .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
                if (parts.isEmpty()) {
                    throw new IllegalStateException("topic " + Topics.THREAT_FEEDS + " not found");
                }
                c.assign(parts);
                c.seekToBeginning(parts);
                while (running.get()) {
                    for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofSeconds(1))) {
                        apply(r.key(), r.value(), serde);
                    }
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                Log.warnf("threat-feed subscriber: %s; retrying in 10 s", e.toString());
                sleep();
            }
        }
    }

    /** Applies one record of the topic: a feed copy, or a tombstone. */
    void apply(String key, byte[] value, Serdes.ThreatFeeds serde) {
        if (value == null) {
            if (key != null) {
                intel.removeFeed(key);
            }
            return;
        }
        ThreatFeedState feed;
        try {
            feed = serde.deserialize(Topics.THREAT_FEEDS, value);
        } catch (RuntimeException e) {
            feed = null;
        }
        if (feed == null || feed.feedName() == null || !feed.feedName().equals(key) || intel.applyFeed(feed) == null) {
            rejected.increment();
            Log.warnf("threat-feed record %s rejected; the previous copy stays", key);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
