package dev.vigil.detector.streams;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded, thread-safe cache of values already deserialised, for the serdes of the detector's GlobalKTables
 * ({@link CachingAccountSerde}, {@link CachingThreatListSerde}): a GlobalKTable join deserialises the stored value for
 * every record joined, and these values change rarely. Least recently used entries leave first.
 *
 * @param <K> what names one content (the bytes, or a header that identifies them)
 * @param <V> the immutable deserialised value
 */
final class ParsedValueCache<K, V> {

    private final Map<K, V> values;

    /** A cache of at most {@code maxEntries} values. */
    ParsedValueCache(int maxEntries) {
        this.values = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** The value cached under {@code key}, or {@code null}. */
    synchronized V get(K key) {
        return values.get(key);
    }

    /** Caches {@code value} under {@code key}. */
    synchronized void put(K key, V value) {
        values.put(key, value);
    }
}
