package dev.vigil.web.accesskeys;

import dev.vigil.events.AccessKeyState;
import dev.vigil.events.Serdes;
import dev.vigil.events.Topics;
import dev.vigil.web.sigv4.SigV4Config;
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

/**
 * Every replica of every service with this edge reads the whole compacted topic {@link Topics#ACCESS_KEYS} from its
 * beginning, without a consumer group (each replica needs every key), into its {@link AccessKeyDirectory}, polling
 * every {@code vigil.sigv4.access-keys.poll} (200 ms): a deactivated or deleted key is refused on every replica
 * within about a poll of the broker's acknowledgement. A record that does not parse is skipped and logged (by key
 * only: never a secret). Kafka settings are the service's {@code kafka.*} properties. Off with
 * {@code vigil.sigv4.access-keys.subscribe=false} (module tests, which have no broker).
 */
@ApplicationScoped
public class AccessKeySubscriber {

    private final AccessKeyDirectory directory;
    private final Config config;
    private final SigV4Config sigv4;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile KafkaConsumer<String, byte[]> consumer;

    /** Creates the subscriber. */
    public AccessKeySubscriber(AccessKeyDirectory directory, Config config, SigV4Config sigv4) {
        this.directory = directory;
        this.config = config;
        this.sigv4 = sigv4;
    }

    void start(@Observes StartupEvent ev) {
        if (!sigv4.accessKeys().subscribe()) {
            return;
        }
        running.set(true);
        Thread t = new Thread(this::run, "access-key-subscriber");
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
        Properties p = new Properties();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith("kafka.") && !name.startsWith("kafka-streams.")) {
                config.getOptionalValue(name, String.class).ifPresent(v -> p.put(name.substring("kafka.".length()), v));
            }
        }
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return p;
    }

    private void run() {
        Serdes.AccessKeys serde = new Serdes.AccessKeys();
        Duration poll = sigv4.accessKeys().poll();
        while (running.get()) {
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(properties())) {
                consumer = c;
                List<TopicPartition> parts = c.partitionsFor(Topics.ACCESS_KEYS, Duration.ofSeconds(30)).stream()
                        .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
                if (parts.isEmpty()) {
                    throw new IllegalStateException("topic " + Topics.ACCESS_KEYS + " not found");
                }
                c.assign(parts);
                c.seekToBeginning(parts);
                while (running.get()) {
                    for (ConsumerRecord<String, byte[]> r : c.poll(poll)) {
                        apply(r.key(), r.value(), serde);
                    }
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                Log.warnf("access-key subscriber: %s; retrying in 5 s", e.toString());
                sleep();
            }
        }
    }

    /** Applies one record; a record that does not parse, or names another key than its own, is skipped. */
    void apply(String key, byte[] value, Serdes.AccessKeys serde) {
        try {
            directory.apply(key, value == null ? null : serde.deserialize(Topics.ACCESS_KEYS, value));
        } catch (RuntimeException e) {
            Log.warnf("access-key record %s rejected: %s", key, e.getClass().getSimpleName());
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
