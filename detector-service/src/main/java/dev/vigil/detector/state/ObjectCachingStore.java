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
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * A key-value store that keeps up to {@code maxEntries} values as deserialised objects in front of a changelogged
 * store (Kafka Streams' metered, logged RocksDB store), so that a read-modify-write of the same key neither parses
 * nor writes the serialised value each time: {@link #get} answers from the objects, {@link #put} only marks the key
 * dirty, and dirty values are written to the inner store (serialised once, to RocksDB and the changelog) before every
 * commit, when they leave the cache, and before any scan. With exactly-once processing the written values are part
 * of the commit's transaction, as the inner store's own writes are.
 *
 * <p><b>Before every commit</b> means {@link #flushCache}: a task's commit calls only that on its stores
 * ({@code StreamTask.prepareCommit} calls {@code ProcessorStateManager.flushCache}, which passes it to the stores that
 * are a {@link CachedStateStore}, as Kafka Streams' own record cache is); {@link #flush} runs only when the task
 * writes a checkpoint, which with exactly-once processing is at suspend and close. Before issue 26's tenth pass this
 * store was not a {@link CachedStateStore}: its dirty values reached the changelog only when they left the cache or
 * the task closed, so a detector killed mid-stream restarted with older profiles, clocks and addresses than its
 * committed offsets implied. {@link #clearCache} (a task closed dirty) drops the values no commit wrote.
 *
 * <p>Absent keys are cached too: a key that {@link #get} found missing in the inner store answers {@code null} from
 * the cache until it is put (issue 26: a profile that stays empty is never stored, and every record of its resource
 * read RocksDB only to miss, 2.8 % of the stream threads in the drain benchmark). The inner store changes only through
 * this store while its task processes records (restoration writes it before the task's first record, and a closed
 * store drops its cache; Vigil runs no standby replicas, whose restoration would bypass the cache), so a cached absence
 * stays true.
 *
 * <p>Contract for callers: a value returned by {@link #get} is the cached object itself. A caller that changes it
 * must {@link #put} it afterwards (in the same {@code process} call); a change without a put would be seen by later
 * reads of this task but not stored. Deletes go to the inner store at once. Bounded: least recently used entries
 * leave first (a dirty one is written first).
 *
 * @param <V> the value type
 */
public final class ObjectCachingStore<V> implements KeyValueStore<String, V>, CachedStateStore<String, V> {

    private final KeyValueStore<String, V> inner;
    private final int maxEntries;
    private final LinkedHashMap<String, Entry<V>> cache;
    /** Keys of the dirty entries, so a flush visits only those. */
    private final java.util.Set<String> dirtyKeys = new java.util.HashSet<>();

    /** A cached value, or a cached absence ({@code value == null}, never dirty). */
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

    /** Writes the dirty values to the inner store, then flushes it (Kafka Streams calls this when it checkpoints). */
    @Override
    public void flush() {
        writeBack();
        inner.flush();
    }

    /** Writes the dirty values to the inner store: Kafka Streams calls this before every commit of the task. */
    @Override
    public void flushCache() {
        writeBack();
    }

    /** Drops every cached value, dirty ones included (Kafka Streams calls this when it closes the task dirty). */
    @Override
    public void clearCache() {
        cache.clear();
        dirtyKeys.clear();
    }

    /** No listeners: nothing is forwarded when values are written ({@code false}: not set). */
    @Override
    public boolean setFlushListener(CacheFlushListener<String, V> listener, boolean sendOldValues) {
        return false;
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
        remember(key, new Entry<>(v, false));
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
        remember(key, new Entry<>(null, false));
        return e != null && e.value != null ? e.value : old;
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
