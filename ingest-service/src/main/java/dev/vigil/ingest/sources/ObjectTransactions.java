package dev.vigil.ingest.sources;

import dev.vigil.events.JsonSerde;
import dev.vigil.events.LogSourceRead;
import dev.vigil.events.Topics;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Kafka transactions for the S3 objects the log source reader reads: an object's records, their usage and its read
 * marker ({@link LogSourceRead} on {@code vigil.log-sources.reads.v1}) are committed together or not at all, so
 * read_committed consumers (the detector under {@code exactly_once_v2}, accounts' usage, {@link ObjectReads}) see an
 * object once or not at all.
 *
 * <p>A replica has {@code vigil.sources.transaction-slots} transactional producers (default 4: at most that many
 * objects are published at once; a reader waits for a free slot). Slot {@code i}'s {@code transactional.id} is
 * {@code vigil.sources.transactional-id + "-" + i}, stable for a replica (host name and HTTP port), so a replica that
 * restarts after a SIGKILL fences and aborts the transaction it left open as soon as it starts
 * ({@code initTransactions} of every slot at start-up); a replica that never comes back has its open transaction
 * aborted by the broker after {@code vigil.sources.transaction-timeout} ({@code transaction.timeout.ms}, which must
 * exceed the time to read the largest object). Records of an aborted transaction are never visible to read_committed
 * consumers; the SQS message reappears after its visibility timeout and the object is read again, once.
 *
 * <p>With {@code vigil.sources.transactional=false} (module tests, whose channels are in memory) there is no producer:
 * records go through the channels and the marker is written after them ({@link ObjectReads#write}).
 */
@ApplicationScoped
public class ObjectTransactions {

    private final SourcesConfig config;
    private final ObjectReads reads;
    private final Properties producerConfig = new Properties();
    private final BlockingQueue<Slot> free;

    /** One object's publication: begun by {@link #begin()}, then committed or aborted, then closed. */
    public interface Publication extends AutoCloseable {
        /** The producer whose open transaction takes the object's records, or null (the channels' own producers). */
        Producer<String, Object> producer();

        /**
         * Writes {@code marker} and commits: the object's records, usage and marker become visible together.
         *
         * @throws RuntimeException (a {@code KafkaException}) when the commit failed: the transaction is aborted
         */
        void commit(LogSourceRead marker);

        /** Aborts: nothing sent in this publication becomes visible to read_committed consumers. */
        void abort();

        /** Gives the producer back (aborting an open transaction). */
        @Override
        void close();
    }

    /**
     * Creates the slots from {@code vigil.sources.*}, the {@code vigil.kafka.producer.*} settings and every
     * {@code kafka.*} property the channels use (on Kubernetes: SASL_SSL with the service's SCRAM user).
     */
    public ObjectTransactions(SourcesConfig config, ObjectReads reads,
            @Identifier("default-kafka-broker") Map<String, Object> kafka,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap,
            @ConfigProperty(name = "vigil.kafka.producer.linger-ms") int lingerMs,
            @ConfigProperty(name = "vigil.kafka.producer.batch-size") int batchSize,
            @ConfigProperty(name = "vigil.kafka.producer.compression") String compression,
            @ConfigProperty(name = "vigil.kafka.producer.delivery-timeout-ms") int deliveryTimeoutMs,
            @ConfigProperty(name = "vigil.kafka.producer.request-timeout-ms") int requestTimeoutMs,
            @ConfigProperty(name = "vigil.kafka.producer.max-block-ms") int maxBlockMs) {
        this.config = config;
        this.reads = reads;
        producerConfig.putAll(kafka); // the channels' kafka.* settings: security protocol, SASL, trust store
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        producerConfig.put(ProducerConfig.BATCH_SIZE_CONFIG, batchSize);
        producerConfig.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        producerConfig.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, deliveryTimeoutMs);
        producerConfig.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, requestTimeoutMs);
        producerConfig.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, maxBlockMs);
        producerConfig.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) config.transactionTimeout().toMillis());
        this.free = new ArrayBlockingQueue<>(Math.max(1, config.transactionSlots()));
        for (int i = 0; i < Math.max(1, config.transactionSlots()); i++) {
            free.add(new Slot(config.transactionalId() + "-" + i));
        }
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.enabled() || !config.transactional()) {
            return;
        }
        Thread t = new Thread(this::fenceAll, "vigil-source-transactions");
        t.setDaemon(true);
        t.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        free.forEach(Slot::dispose);
    }

    /** Initialises every slot at once: the transactions a previous run of this replica left open are aborted. */
    private void fenceAll() {
        for (int i = 0; i < Math.max(1, config.transactionSlots()); i++) {
            Slot s;
            try {
                s = free.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                s.producer();
                Log.infof("log sources: transactional producer %s ready (earlier open transactions aborted)", s.id);
            } catch (RuntimeException e) {
                Log.warnf("log sources: transactional producer %s not ready yet (%s); tried again at its first use",
                        s.id, e.toString());
                s.dispose();
            } finally {
                free.add(s);
            }
        }
    }

    /**
     * Begins one object's publication: takes a free slot (waiting for one) and begins its transaction.
     *
     * @throws InterruptedException when interrupted while waiting for a slot
     * @throws RuntimeException     (a {@code KafkaException}) when the producer cannot be made ready or begin
     */
    public Publication begin() throws InterruptedException {
        if (!config.transactional()) {
            return new Untransacted();
        }
        Slot s = free.take();
        try {
            s.producer().beginTransaction();
            return new Transacted(s);
        } catch (RuntimeException e) {
            s.dispose();
            free.add(s);
            throw e;
        }
    }

    /** One transactional producer, made and initialised at its first use after start or after a failure. */
    private final class Slot {
        final String id;
        KafkaProducer<String, Object> producer;

        Slot(String id) {
            this.id = id;
        }

        KafkaProducer<String, Object> producer() {
            if (producer == null) {
                Properties p = new Properties();
                p.putAll(producerConfig);
                p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, id);
                p.put(ProducerConfig.CLIENT_ID_CONFIG, id);
                KafkaProducer<String, Object> made = new KafkaProducer<>(p, new StringSerializer(),
                        new JsonSerde<>(Object.class));
                try {
                    made.initTransactions(); // fences an earlier producer of this ID and aborts its open transaction
                } catch (RuntimeException e) {
                    made.close(Duration.ZERO);
                    throw e;
                }
                producer = made;
            }
            return producer;
        }

        /** Closes the producer (after a fatal error: fenced, timed out); the next use makes a new one. */
        void dispose() {
            if (producer != null) {
                producer.close(Duration.ofSeconds(5));
                producer = null;
            }
        }
    }

    private final class Transacted implements Publication {
        private final Slot slot;
        private boolean open = true;

        Transacted(Slot slot) {
            this.slot = slot;
        }

        @Override
        public Producer<String, Object> producer() {
            return slot.producer;
        }

        @Override
        public void commit(LogSourceRead marker) {
            try {
                slot.producer.send(new ProducerRecord<>(Topics.LOG_SOURCE_READS, marker.key(), marker));
                slot.producer.commitTransaction();
                open = false;
                reads.recorded(marker);
            } catch (RuntimeException e) {
                abort();
                throw e;
            }
        }

        @Override
        public void abort() {
            if (!open) {
                return;
            }
            open = false;
            try {
                slot.producer.abortTransaction();
            } catch (RuntimeException e) {
                // fenced or in a fatal state: a new producer's initTransactions aborts what is left open
                Log.debugf("aborting transaction of %s failed: %s", slot.id, e.toString());
                slot.dispose();
            }
        }

        @Override
        public void close() {
            abort();
            free.add(slot);
        }
    }

    private final class Untransacted implements Publication {
        @Override
        public Producer<String, Object> producer() {
            return null;
        }

        @Override
        public void commit(LogSourceRead marker) {
            reads.write(marker);
        }

        @Override
        public void abort() {
            // records already sent stay: nothing to undo without a transaction
        }

        @Override
        public void close() {
            // no slot
        }
    }
}
