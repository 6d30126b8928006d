package dev.vigil.ingest.sources;

import dev.vigil.events.LogSourceCheckpoint;
import dev.vigil.ingest.messaging.TopicCatchUp;
import io.quarkus.runtime.Startup;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The backfill checkpoints of every log source, kept durably on the compacted topic
 * {@code vigil.log-sources.checkpoints.v1} (channel {@code log-source-checkpoints-out}) and read back whole by every
 * replica (channel {@code log-source-checkpoints-in}, from the beginning, nothing committed). A backfill starts only
 * once the topic was read to its end as of start-up ({@link #caughtUp()}), so a restart resumes where the last run
 * stopped instead of reading the history again.
 */
@ApplicationScoped
@Startup // reads its topic from start-up on
public class BackfillCheckpoints {

    /** The incoming channel. */
    public static final String CHANNEL = "log-source-checkpoints-in";
    /** The longest wait for the broker's acknowledgement of a checkpoint. */
    static final Duration SAVE_TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, LogSourceCheckpoint> checkpoints = new ConcurrentHashMap<>();
    private final MutinyEmitter<LogSourceCheckpoint> out;
    private final TopicCatchUp catchUp;

    /** Creates the store; it waits for its topic when {@code vigil.sources.catch-up} is on. */
    public BackfillCheckpoints(@Channel("log-source-checkpoints-out") MutinyEmitter<LogSourceCheckpoint> out,
            KafkaClientService kafka, SourcesConfig config) {
        this.out = out;
        this.catchUp = new TopicCatchUp(config.catchUp() ? kafka : null, CHANNEL);
        catchUp.start(); // its thread waits for the channel's consumer
    }

    /** Whether the topic was read up to its end as of start-up. */
    public boolean caughtUp() {
        return catchUp.caughtUp();
    }

    /** Applies one record: key = log source ID, value = LogSourceCheckpoint JSON, or null (forget the source). */
    @Incoming(CHANNEL)
    public void onCheckpoint(Record<String, String> record) {
        if (record.key() != null && record.value() == null) {
            checkpoints.remove(record.key());
            return;
        }
        LogSourceCheckpoint c = StateRecords.read(record, LogSourceCheckpoint.class, LogSourceCheckpoint::logSourceId,
                "log source checkpoint");
        if (c != null) {
            apply(c);
        }
    }

    private void apply(LogSourceCheckpoint c) {
        checkpoints.merge(c.logSourceId(), c, (old, neu) -> neu.updatedAt() >= old.updatedAt() ? neu : old);
    }

    /** The checkpoint of {@code logSourceId}, or null. */
    public LogSourceCheckpoint find(String logSourceId) {
        return checkpoints.get(logSourceId);
    }

    /**
     * Writes {@code c} and waits for the broker (blocking: called on a reader thread).
     *
     * @throws RuntimeException when the broker did not acknowledge within {@link #SAVE_TIMEOUT}
     */
    public void save(LogSourceCheckpoint c) {
        out.sendMessage(Message.of(c).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(c.logSourceId()).build())).await().atMost(SAVE_TIMEOUT);
        apply(c);
    }
}
