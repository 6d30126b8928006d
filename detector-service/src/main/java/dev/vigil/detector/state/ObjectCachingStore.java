package dev.vigil.detector.state;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A key-value store that keeps up to {@code maxEntries} values as deserialised objects in front of a changelogged
 * store (Kafka Streams' metered, logged RocksDB store), so that a read-modify-write of the same key neither parses
 * nor writes the serialised value each time: {@link #get} answers from the objects, {@link #put} only marks the key
 * dirty, and dirty values are written to the inner store (serialised once, to RocksDB and the changelog) when Kafka
 * Streams flushes the stores before every commit, when they leave the cache, and before any scan. With exactly-once
 * processing the written values are part of the commit's transaction, as the inner store's own writes are.
 *
 * <p>Contract for callers: a value returned by {@link #get} is the cached object itself. A caller that changes it
 * must {@link #put} it afterwards (in the same {@code process} call); a change without a put would be seen by later
 * reads of this task but not stored. Deletes go to the inner store at once. Bounded: least recently used entries
 * leave first (a dirty one is written first).
 *
 * @param <V> the value type
 */
public final class ObjectCachingStore<V> implements KeyValueStore<String, V> {

    private final KeyValueStore<String, V> inner;
    private final int maxEntries;
    private final LinkedHashMap<String, Entry<V>> cache;
    /** Keys of the dirty entries, so a flush visits only those. */
    private final java.util.Set<String> dirtyKeys = new java.util.HashSet<>();

    private static final class Entry<V> {
        final V value;
        boolean dirty;

        Entry(V value, boolean dirty) {
            this.value = value;
            this.dirty = dirty;
        }
    }

    /** A cache of at most {@code maxEntries} (at least 1) objects in front of {@code inner}. */
    public ObjectCachingStore(KeyValueStore<String, V> inner, int maxEntries) {
        this.inner = inner;
        this.maxEntries = Math.max(1, maxEntries);
        this.cache = new LinkedHashMap<>(64, 0.75f, true);
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        inner.init(context, root);
    }

    /** Writes the dirty values to the inner store, then flushes it (Kafka Streams calls this before each commit). */
    @Override
    public void flush() {
        writeBack();
        inner.flush();
    }

    private void writeBack() {
        if (dirtyKeys.isEmpty()) {
            return;
        }
        List<KeyValue<String, V>> dirty = new ArrayList<>(dirtyKeys.size());
        for (String key : dirtyKeys) {
            Entry<V> e = cache.get(key);
            if (e != null && e.dirty) {
                dirty.add(KeyValue.pair(key, e.value));
                e.dirty = false;
            }
        }
        dirtyKeys.clear();
        if (!dirty.isEmpty()) {
            inner.putAll(dirty);
        }
    }

    /** Drops the cached objects without writing them (a clean close has flushed them already). */
    @Override
    public void close() {
        cache.clear();
        dirtyKeys.clear();
        inner.close();
    }

    @Override
    public boolean persistent() {
        return inner.persistent();
    }

    @Override
    public boolean isOpen() {
        return inner.isOpen();
    }

    @Override
    public <R> QueryResult<R> query(Query<R> query, PositionBound positionBound, QueryConfig config) {
        writeBack();
        return inner.query(query, positionBound, config);
    }

    @Override
    public Position getPosition() {
        return inner.getPosition();
    }

    @Override
    public V get(String key) {
        Entry<V> e = cache.get(key);
        if (e != null) {
            return e.value;
        }
        V v = inner.get(key);
        if (v != null) {
            remember(key, new Entry<>(v, false));
        }
        return v;
    }

    @Override
    public void put(String key, V value) {
        if (value == null) {
            delete(key);
            return;
        }
        remember(key, new Entry<>(value, true));
    }

    private void remember(String key, Entry<V> entry) {
        cache.put(key, entry);
        if (entry.dirty) {
            dirtyKeys.add(key);
        }
        if (cache.size() > maxEntries) {
            Iterator<Map.Entry<String, Entry<V>>> eldest = cache.entrySet().iterator();
            Map.Entry<String, Entry<V>> e = eldest.next();
            eldest.remove();
            if (e.getValue().dirty) {
                dirtyKeys.remove(e.getKey());
                inner.put(e.getKey(), e.getValue().value);
            }
        }
    }

    @Override
    public V putIfAbsent(String key, V value) {
        V old = get(key);
        if (old == null) {
            put(key, value);
        }
        return old;
    }

    @Override
    public void putAll(List<KeyValue<String, V>> entries) {
        entries.forEach(e -> put(e.key, e.value));
    }

    @Override
    public V delete(String key) {
        Entry<V> e = cache.remove(key);
        dirtyKeys.remove(key);
        V old = inner.delete(key);
        return e != null ? e.value : old;
    }

    @Override
    public KeyValueIterator<String, V> range(String from, String to) {
        writeBack();
        return inner.range(from, to);
    }

    @Override
    public KeyValueIterator<String, V> reverseRange(String from, String to) {
        writeBack();
        return inner.reverseRange(from, to);
    }

    @Override
    public KeyValueIterator<String, V> all() {
        writeBack();
        return inner.all();
    }

    @Override
    public KeyValueIterator<String, V> reverseAll() {
        writeBack();
        return inner.reverseAll();
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<String, V> prefixScan(P prefix, PS prefixKeySerializer) {
        writeBack();
        return inner.prefixScan(prefix, prefixKeySerializer);
    }

    @Override
    public long approximateNumEntries() {
        return inner.approximateNumEntries();
    }
}
