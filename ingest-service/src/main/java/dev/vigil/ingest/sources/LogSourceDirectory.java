package dev.vigil.ingest.sources;

import dev.vigil.events.Json;
import dev.vigil.events.LogSourceState;
import dev.vigil.ingest.messaging.TopicCatchUp;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Every tenant's log sources, read whole from the compacted topic {@code vigil.log-sources.v1} (channel
 * {@code log-sources-in}; every replica reads every partition from the beginning, nothing committed). A state older
 * than the one held is ignored; a {@code DELETED} state or a tombstone removes the source; a value that is not a
 * {@link LogSourceState} or that names another source than its key is logged and ignored.
 *
 * <p>Until it has read the topic to its end as of start-up ({@link #caughtUp()}, {@link TopicCatchUp}) a source it
 * does not know may yet come: Firehose deliveries are then answered 503 rather than refused. Off with
 * {@code vigil.sources.catch-up=false}.
 */
@ApplicationScoped
@Startup // reads its topic from start-up on
public class LogSourceDirectory {

    /** The incoming channel. */
    public static final String CHANNEL = "log-sources-in";

    private final Map<String, LogSourceState> sources = new ConcurrentHashMap<>();
    private final TopicCatchUp catchUp;

    /** Creates the directory; it waits for its topic when {@code vigil.sources.catch-up} is on. */
    public LogSourceDirectory(KafkaClientService kafka, SourcesConfig config) {
        this.catchUp = new TopicCatchUp(config.catchUp() ? kafka : null, CHANNEL);
        catchUp.start(); // its thread waits for the channel's consumer
    }

    /** Whether the directory has read {@code vigil.log-sources.v1} up to its end as of start-up. */
    public boolean caughtUp() {
        return catchUp.caughtUp();
    }

    /** Applies one record: key = log source ID, value = LogSourceState JSON or null. */
    @Incoming(CHANNEL)
    public void onState(Record<String, String> record) {
        String key = record.key();
        if (key == null) {
            Log.warn("log source state without a key ignored");
            return;
        }
        if (record.value() == null) {
            sources.remove(key);
            return;
        }
        LogSourceState s;
        try {
            s = Json.read(record.value(), LogSourceState.class);
        } catch (IllegalArgumentException e) {
            Log.warnf("log source state for key %s ignored: %s", key, e.getMessage());
            return;
        }
        if (!key.equals(s.logSourceId())) {
            Log.warnf("log source state for key %s names source %s: ignored", key, s.logSourceId());
            return;
        }
        apply(s);
    }

    /** Applies {@code s} unless an equal or newer version is held. */
    public void apply(LogSourceState s) {
        sources.merge(s.logSourceId(), s, (old, neu) -> neu.version() >= old.version() ? neu : old);
    }

    /** The source {@code logSourceId} in its latest state (whatever its status), or {@code null} when unknown or deleted. */
    public LogSourceState find(String logSourceId) {
        LogSourceState s = logSourceId == null ? null : sources.get(logSourceId);
        return s == null || LogSourceState.DELETED.equals(s.status()) ? null : s;
    }

    /** The sources this replica should read: enabled and not deleted. */
    public List<LogSourceState> enabled() {
        return sources.values().stream().filter(LogSourceState::enabled).toList();
    }
}
