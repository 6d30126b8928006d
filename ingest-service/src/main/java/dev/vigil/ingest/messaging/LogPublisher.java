package dev.vigil.ingest.messaging;

import dev.vigil.events.CloudTrailRecord;
import dev.vigil.events.DnsLogRecord;
import dev.vigil.events.FlowLogRecord;
import dev.vigil.events.UsageRecord;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
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
 */
@ApplicationScoped
public class LogPublisher {

    private final Emitter<FlowLogRecord> flow;
    private final Emitter<DnsLogRecord> dns;
    private final Emitter<CloudTrailRecord> cloudTrail;
    private final Emitter<UsageRecord> usage;

    /** Creates the publisher over the four outgoing channels (buffers bounded by the request size limit). */
    public LogPublisher(
            @Channel("flow-logs-out") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) Emitter<FlowLogRecord> flow,
            @Channel("dns-logs-out") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) Emitter<DnsLogRecord> dns,
            @Channel("cloudtrail-out") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) Emitter<CloudTrailRecord> cloudTrail,
            @Channel("usage-out") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) Emitter<UsageRecord> usage) {
        this.flow = flow;
        this.dns = dns;
        this.cloudTrail = cloudTrail;
        this.usage = usage;
    }

    /** Sends a flow log record keyed {@link FlowLogRecord#key()}, timestamped at its event time or {@code fallbackTs}. */
    public void send(FlowLogRecord r, long fallbackTs, Batch batch) {
        send(flow, r, r.key(), ts(r.eventTimeMillis(), fallbackTs), batch);
    }

    /** Sends a DNS log record keyed {@link DnsLogRecord#key()}. */
    public void send(DnsLogRecord r, long fallbackTs, Batch batch) {
        send(dns, r, r.key(), ts(r.eventTimeMillis(), fallbackTs), batch);
    }

    /** Sends a CloudTrail record keyed {@link CloudTrailRecord#key()}. */
    public void send(CloudTrailRecord r, long fallbackTs, Batch batch) {
        send(cloudTrail, r, r.key(), ts(r.eventTimeMillis(), fallbackTs), batch);
    }

    /** Sends a usage record keyed by its account ID, timestamped {@code ts}. */
    public void send(UsageRecord r, long ts, Batch batch) {
        send(usage, r, r.accountId(), ts, batch);
    }

    private static long ts(long eventTime, long fallback) {
        return eventTime > 0 ? eventTime : fallback;
    }

    private static <T> void send(Emitter<T> emitter, T payload, String key, long ts, Batch batch) {
        OutgoingKafkaRecordMetadata<String> meta = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(key).withTimestamp(Instant.ofEpochMilli(ts)).build();
        batch.expect();
        try {
            emitter.send(Message.of(payload, Metadata.of(meta), batch::ack, batch::nack));
        } catch (RuntimeException e) {
            batch.nack(e);
        }
    }
}
