package dev.vigil.ingest.messaging;

import dev.vigil.events.CloudTrailRecord;
import dev.vigil.events.DnsLogRecord;
import dev.vigil.events.FlowLogRecord;
import dev.vigil.events.UsageRecord;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Sends contract records to Kafka through the channels {@code flow-logs-out}, {@code dns-logs-out},
 * {@code cloudtrail-out} and {@code usage-out}, each record with its key ({@code accountId/resourceId}, usage: the
 * account ID) and its event time as the Kafka record timestamp. Every send is tracked by a {@link Batch}, whose
 * {@code done()} completes only after the broker acknowledged every record (producers: idempotent,
 * {@code acks=all}; see application.properties).
 *
 * <p>When a channel runs on the Kafka connector, records go straight to that channel's own Kafka {@link Producer}
 * (configured by the channel's {@code mp.messaging.outgoing.*} properties, obtained from {@link KafkaClientService}),
 * sent from the calling thread, which serialises, partitions and compresses each record into the producer's batches;
 * each record's callback (run on the producer's network thread) counts it into the {@link Batch}. The emitter's
 * per-record {@code Message}, captured context and hop to the connector's sending thread cost about a third of the
 * ingest path's CPU (JFR profile in BENCHMARKS.md). What the connector's sink adds per message (SmallRye's
 * {@code ProducerInterceptor} beans, tracing headers, its failure health report) does not apply to these records;
 * the connector's readiness check still covers the producer. Other connectors (the in-memory one of the tests) go
 * through the {@link Emitter}; the first send on each channel logs which way it takes.
 *
 * <p>A {@link Batch} made with a transactional producer (the log source reader's, package {@code sources}) sends
 * every record to that producer, on the channel's topic; the caller commits or aborts the transaction.
 *
 * <p>Once a batch has a failure, its remaining records are not sent. A broker that cannot be reached while the
 * topic's metadata is unknown fails the first send after {@code max.block.ms}; records already queued for a broker
 * that went away fail after {@code delivery.timeout.ms}; a full {@code buffer.memory} blocks a send for up to
 * {@code max.block.ms}. In every case the request answers 503 within {@code vigil.ingest.publish-timeout}.
 */
@ApplicationScoped
public class LogPublisher {

    private final Emitter<FlowLogRecord> flow;
    private final Emitter<DnsLogRecord> dns;
    private final Emitter<CloudTrailRecord> cloudTrail;
    private final Emitter<UsageRecord> usage;
    private final KafkaClientService kafka;
    private final Config config;
    /** Per channel: its Kafka producer and topic, or {@link #NOT_KAFKA} when it runs on another connector. */
    private final Map<String, Direct<?>> direct = new ConcurrentHashMap<>();
    /** Per channel: its topic. */
    private final Map<String, String> topics = new ConcurrentHashMap<>();
    private static final Direct<Object> NOT_KAFKA = new Direct<>(null, null);

    private record Direct<T>(Producer<String, T> producer, String topic) {
    }

    /**
     * Creates the publisher over the four outgoing channels (the emitters' buffers, used only off the Kafka connector,
     * are bounded by the request size limit).
     */
    public LogPublisher(KafkaClientService kafka, Config config,
            @Channel("flow-logs-out") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) Emitter<FlowLogRecord> flow,
            @Channel("dns-logs-out") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) Emitter<DnsLogRecord> dns,
            @Channel("cloudtrail-out") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) Emitter<CloudTrailRecord> cloudTrail,
            @Channel("usage-out") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) Emitter<UsageRecord> usage) {
        this.flow = flow;
        this.dns = dns;
        this.cloudTrail = cloudTrail;
        this.usage = usage;
        this.kafka = kafka;
        this.config = config;
    }

    /** Sends a flow log record keyed {@link FlowLogRecord#key()}, timestamped at its event time or {@code fallbackTs}. */
    public void send(FlowLogRecord r, long fallbackTs, Batch batch) {
        send("flow-logs-out", flow, r, r.key(), ts(r.eventTimeMillis(), fallbackTs), batch);
    }

    /** Sends a DNS log record keyed {@link DnsLogRecord#key()}. */
    public void send(DnsLogRecord r, long fallbackTs, Batch batch) {
        send("dns-logs-out", dns, r, r.key(), ts(r.eventTimeMillis(), fallbackTs), batch);
    }

    /** Sends a CloudTrail record keyed {@link CloudTrailRecord#key()}. */
    public void send(CloudTrailRecord r, long fallbackTs, Batch batch) {
        send("cloudtrail-out", cloudTrail, r, r.key(), ts(r.eventTimeMillis(), fallbackTs), batch);
    }

    /** Sends a usage record keyed by its account ID, timestamped {@code ts}. */
    public void send(UsageRecord r, long ts, Batch batch) {
        send("usage-out", usage, r, r.accountId(), ts, batch);
    }

    private static long ts(long eventTime, long fallback) {
        return eventTime > 0 ? eventTime : fallback;
    }

    private <T> void send(String channel, Emitter<T> emitter, T payload, String key, long ts, Batch batch) {
        batch.expect();
        if (batch.failed()) {
            batch.nack(batch.failure()); // the broker already refused or timed out one record of this batch
            return;
        }
        try {
            Callback counted = (meta, e) -> {
                if (e == null) {
                    batch.ack();
                } else {
                    batch.nack(e);
                }
            };
            if (batch.transaction() != null) {
                batch.transaction().send(new ProducerRecord<>(topic(channel), null, ts, key, payload), counted);
                return;
            }
            Direct<T> d = direct(channel);
            if (d.producer() != null) {
                d.producer().send(new ProducerRecord<>(d.topic(), null, ts, key, payload), counted);
            } else {
                OutgoingKafkaRecordMetadata<String> meta = OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(key).withTimestamp(Instant.ofEpochMilli(ts)).build();
                emitter.send(Message.of(payload, Metadata.of(meta), batch::ack, batch::nack));
            }
        } catch (RuntimeException e) {
            batch.nack(e);
        }
    }

    /**
     * The topic of outgoing channel {@code channel} (its {@code topic} property, else its name), looked up once per
     * channel: a configuration lookup per record halved the transactional path's rate (BENCHMARKS.md, issue 15).
     */
    private String topic(String channel) {
        return topics.computeIfAbsent(channel, c -> config.getOptionalValue("mp.messaging.outgoing." + c + ".topic",
                String.class).orElse(c));
    }

    @SuppressWarnings("unchecked")
    private <T> Direct<T> direct(String channel) {
        return (Direct<T>) direct.computeIfAbsent(channel, c -> {
            io.smallrye.reactive.messaging.kafka.KafkaProducer<String, T> p = kafka.getProducer(c);
            Producer<String, T> producer = p == null ? null : p.unwrap();
            if (producer == null) { // another connector, or a Kafka client not created yet (lazy-client=true)
                Log.infof("channel %s: records go through the reactive messaging emitter", c);
                return NOT_KAFKA;
            }
            String topic = topic(c);
            Log.infof("channel %s: records go straight to its Kafka producer, topic %s", c, topic);
            return new Direct<>(producer, topic);
        });
    }
}
