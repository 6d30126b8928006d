package dev.vigil.ingest.sources;

import dev.vigil.events.Json;
import dev.vigil.events.LogSourceState;
import io.quarkus.logging.Log;
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
 */
@ApplicationScoped
public class LogSourceDirectory {

    private final Map<String, LogSourceState> sources = new ConcurrentHashMap<>();

    /** Applies one record: key = log source ID, value = LogSourceState JSON or null. */
    @Incoming("log-sources-in")
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
