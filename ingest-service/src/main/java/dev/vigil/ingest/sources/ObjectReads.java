package dev.vigil.ingest.sources;

import dev.vigil.events.LogSourceRead;
import dev.vigil.ingest.messaging.TopicCatchUp;
import io.quarkus.runtime.Startup;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The durable ledger of the S3 objects every log source read to its end: the read markers ({@link LogSourceRead}) on
 * the compacted topic {@code vigil.log-sources.reads.v1}, read back whole by every replica (channel
 * {@code log-source-reads-in}, from the beginning, {@code isolation.level=read_committed}, nothing committed) into a
 * {@link ReadLedger} (24 hours, at most {@link ReadLedger#MAX_ENTRIES}). A marker is written in the same Kafka
 * transaction as its object's records and usage ({@link ObjectTransactions}), so a replica sees it exactly when those
 * records are visible: an object notified twice, redelivered after a replica died mid-object, or read again after a
 * restart is skipped instead of counted twice by the detector's windowed rules. Objects are read only once the topic
 * was read to its end as of start-up ({@link #caughtUp()}).
 */
@ApplicationScoped
@Startup // reads its topic from start-up on
public class ObjectReads {

    /** The incoming channel. */
    public static final String CHANNEL = "log-source-reads-in";
    /** The longest wait for the broker's acknowledgement of an untransacted marker. */
    static final Duration SAVE_TIMEOUT = Duration.ofSeconds(30);

    private final ReadLedger ledger = new ReadLedger();
    private final MutinyEmitter<LogSourceRead> out;
    private final TopicCatchUp catchUp;

    /** Creates the ledger; it waits for its topic when {@code vigil.sources.catch-up} is on. */
    public ObjectReads(@Channel("log-source-reads-out") MutinyEmitter<LogSourceRead> out, KafkaClientService kafka,
            SourcesConfig config) {
        this.out = out;
        this.catchUp = new TopicCatchUp(config.catchUp() ? kafka : null, CHANNEL);
        catchUp.start();
    }

    /** Whether the topic was read up to its end (its last stable offset) as of start-up. */
    public boolean caughtUp() {
        return catchUp.caughtUp();
    }

    /** Applies one committed marker: key = {@link LogSourceRead#key()}, value = its JSON; others are ignored. */
    @Incoming(CHANNEL)
    public void onRead(Record<String, String> record) {
        LogSourceRead r = StateRecords.read(record, LogSourceRead.class, LogSourceRead::key, "log source read marker");
        if (r != null) {
            recorded(r);
        }
    }

    /** Whether source {@code logSourceId} read the object {@code submissionId} to its end within 24 hours. */
    public boolean done(String logSourceId, String submissionId) {
        return ledger.done(LogSourceRead.key(logSourceId, submissionId));
    }

    /** Records a marker this replica committed (it comes back from the topic too, later). */
    void recorded(LogSourceRead r) {
        ledger.record(r.key(), r.readAt());
    }

    /**
     * Writes {@code r} on its own, outside any transaction, and waits for the broker (blocking); for
     * {@code vigil.sources.transactional=false} only (module tests, whose channels are in memory).
     */
    void write(LogSourceRead r) {
        out.sendMessage(Message.of(r).addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(r.key()).build()))
                .await().atMost(SAVE_TIMEOUT);
        recorded(r);
    }
}
