package dev.vigil.ingest.sources;

import dev.vigil.events.Topics;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Which log sources this replica backfills, so that a bucket is listed and read by one replica, not by all of them
 * (issue 15 item 4). The replicas join one Kafka consumer group ({@code vigil.sources.owner-group}, default
 * {@code ingest-service-source-owners}: the service's group prefix in the Kafka ACLs) on
 * {@code vigil.log-sources.v1}, whose records are keyed by log source ID; a replica owns the sources whose key falls in
 * a partition the group assigned to it (Kafka's default partitioner: murmur2 of the key modulo the partition count).
 * Kafka's group protocol gives every partition exactly one member and moves it when a member leaves or stops
 * heartbeating, so ownership fails over without a table or lease of our own; ingest-service has no database. The
 * assigned partitions are paused at once: the consumer only keeps its membership, every replica still reads the whole
 * topic through {@link LogSourceDirectory}. During a rebalance two replicas may briefly both read a source; an object
 * read twice keeps its submission ID and counts once.
 *
 * <p>With {@code vigil.sources.exclusive-backfill=false} (module tests, whose channels are in memory) this replica owns
 * every source.
 */
@ApplicationScoped
public class SourceOwnership {

    private final boolean exclusive;
    private final String bootstrap;
    private final String group;
    private final Set<Integer> owned = ConcurrentHashMap.newKeySet();
    private volatile int partitions;
    private volatile KafkaConsumer<String, String> consumer;
    private volatile boolean running = true;
    private Thread thread;

    public SourceOwnership(SourcesConfig config, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap) {
        this.exclusive = config.exclusiveBackfill();
        this.bootstrap = bootstrap;
        this.group = config.ownerGroup();
    }

    /** Whether this replica reads {@code logSourceId}'s bucket (false until the group assigned partitions). */
    public boolean owns(String logSourceId) {
        if (!exclusive) {
            return true;
        }
        int n = partitions;
        return n > 0 && owned.contains(partition(logSourceId, n));
    }

    /** The partition of {@code key} among {@code n}, as Kafka's default partitioner places a keyed record. */
    static int partition(String key, int n) {
        return BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), n);
    }

    void onStart(@Observes StartupEvent event, SourcesConfig config) {
        if (!exclusive || !config.enabled()) {
            return;
        }
        thread = new Thread(this::run, "vigil-source-ownership");
        thread.setDaemon(true);
        thread.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        KafkaConsumer<String, String> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    private void run() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
            consumer = c;
            c.subscribe(List.of(Topics.LOG_SOURCES), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
                    revoked.forEach(tp -> owned.remove(tp.partition()));
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
                    c.pause(assigned); // membership only: LogSourceDirectory reads the records
                    assigned.forEach(tp -> owned.add(tp.partition()));
                    Log.infof("log source backfills: this replica owns partitions %s of %s", owned, Topics.LOG_SOURCES);
                }
            });
            while (running) {
                if (partitions == 0) {
                    partitions = c.partitionsFor(Topics.LOG_SOURCES).size();
                }
                c.poll(Duration.ofSeconds(1));
            }
        } catch (WakeupException e) {
            // shutting down
        } catch (RuntimeException e) {
            Log.warnf(e, "log source ownership ended: this replica backfills no source");
            owned.clear();
        }
    }
}
