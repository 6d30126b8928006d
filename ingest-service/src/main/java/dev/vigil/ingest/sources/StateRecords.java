package dev.vigil.ingest.sources;

import dev.vigil.events.Json;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.kafka.Record;
import java.util.function.Function;

/** Reading one record of a compacted state topic whose JSON value names its own key (checkpoints, read markers). */
final class StateRecords {

    private StateRecords() {
    }

    /**
     * The value of {@code record} as {@code type}, or null when it has no key or no value, is not {@code type}'s JSON
     * (logged at WARN with the key, as {@code what}), or names another key than the record's ({@code keyOf}).
     */
    static <T> T read(Record<String, String> record, Class<T> type, Function<T, String> keyOf, String what) {
        if (record.key() == null || record.value() == null) {
            return null;
        }
        try {
            T value = Json.read(record.value(), type);
            return record.key().equals(keyOf.apply(value)) ? value : null;
        } catch (IllegalArgumentException e) {
            Log.warnf("%s for key %s ignored: %s", what, record.key(), e.getMessage());
            return null;
        }
    }
}
