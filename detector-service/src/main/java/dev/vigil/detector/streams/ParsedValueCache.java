package dev.vigil.detector.streams;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A bounded, thread-safe cache of values already deserialised, for the serdes of the detector's GlobalKTables
 * ({@link CachingAccountSerde}, {@link CachingThreatListSerde}): a GlobalKTable join deserialises the stored value for
 * every record joined, and these values change rarely. Reads take no lock, since every stream thread reads it for
 * every record (issue 26: the synchronised map it replaced was where two stream threads waited for each other); when
 * it would exceed its size it is emptied, which with values that change rarely happens almost never.
 *
 * @param <K> what names one content (the bytes, or a header that identifies them)
 * @param <V> the immutable deserialised value
 */
final class ParsedValueCache<K, V> {

    private final int maxEntries;
    private final Map<K, V> values = new ConcurrentHashMap<>();

    /** A cache of at most {@code maxEntries} values. */
    ParsedValueCache(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    /** The value cached under {@code key}, or {@code null}. */
    V get(K key) {
        return values.get(key);
    }

    /** Caches {@code value} under {@code key}. */
    void put(K key, V value) {
        if (values.size() >= maxEntries) {
            values.clear();
        }
        values.put(key, value);
    }
}
