package dev.vigil.detector.streams;

import com.google.common.hash.BloomFilter;
import com.google.common.hash.Funnel;
import com.google.common.hash.Funnels;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which keys of one task's window store may exist, so that the first observation of a new window (most of them: a
 * flow to a peer seen once) does not read RocksDB only to miss (issue 26: those reads were 15 % of the stream
 * thread's CPU in the drain benchmark). Guava Bloom filters, grouped by the hour of the window's end (event time):
 * {@link #mightContain} is {@code false} only for a key that was never {@link #add added} since the filter knew its
 * hour completely; it is {@code true} for every added key, for about {@value #FALSE_POSITIVES} of the others, and
 * for every key of an hour it does not know (then the caller reads the store, as without a filter).
 *
 * <p><b>Complete by construction.</b> The owner adds every key it writes, and every key the store held when the
 * owner started (its scan of the store after restoration), before it asks about any. An hour first seen after that
 * held no windows, so its new filter is complete.
 *
 * <p><b>Bounded.</b> At most {@code maxBytes} of filters (each {@value #KEYS_PER_FILTER} keys, about 300 KiB): when
 * a key needs a new filter beyond the bound, the oldest hours are forgotten first (their keys answer {@code true}
 * from then on), and if the key's own hour is the oldest, that hour is forgotten. {@link #forgetBefore} drops the
 * hours whose windows have expired. Deleted keys stay in their filter until its hour is dropped (a false positive,
 * one store read). Not thread-safe: one per processor instance (task).
 */
final class WindowKeyFilter {

    /** Keys per Bloom filter; an hour with more gets another filter. */
    static final int KEYS_PER_FILTER = 1 << 18;
    /** False-positive probability of each filter. */
    static final double FALSE_POSITIVES = 0.01;
    private static final long HOUR_MS = Duration.ofHours(1).toMillis();
    /**
     * A key's UTF-8 bytes, hashed in 16-byte blocks: Guava's unencoded-chars funnel fed the hash one char at a time,
     * 2.2 % of the stream threads' CPU on the drain benchmark (issue 26). The filters live only on the heap, so the
     * funnel may change between versions.
     */
    private static final Funnel<CharSequence> KEY_FUNNEL = Funnels.stringFunnel(StandardCharsets.UTF_8);

    private final long maxBytes;
    /** Filters per hour of window end (UTC epoch ms / 1 h). */
    private final TreeMap<Long, List<BloomFilter<CharSequence>>> hours = new TreeMap<>();
    /** Hours before this are unknown: forgotten, or never filtered. */
    private long knownFrom = Long.MIN_VALUE;
    private long bytes;

    /** A filter of at most {@code maxBytes} (at least one filter's worth). */
    WindowKeyFilter(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * Whether the store may hold {@code key}, a window ending at {@code endMs} (UTC epoch ms): {@code false} means
     * it certainly does not.
     */
    boolean mightContain(String key, long endMs) {
        long hour = Math.floorDiv(endMs, HOUR_MS);
        if (hour < knownFrom) {
            return true;
        }
        List<BloomFilter<CharSequence>> filters = hours.get(hour);
        if (filters == null) {
            return false;
        }
        for (BloomFilter<CharSequence> f : filters) {
            if (f.mightContain(key)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Records that the store will hold {@code key}, a window ending at {@code endMs} (UTC epoch ms), and tells whether
     * it certainly did not before: {@code true} only when it was absent ({@link #mightContain} would have been
     * {@code false}). One hash of the key where {@link #mightContain} then {@link #add} took two (issue 26: the two
     * were 4.2 % of the stream threads): Guava's {@code put} reports whether any of the key's bits was still clear.
     */
    boolean addIfAbsent(String key, long endMs) {
        long hour = Math.floorDiv(endMs, HOUR_MS);
        if (hour < knownFrom) {
            return false;
        }
        List<BloomFilter<CharSequence>> filters = hours.computeIfAbsent(hour, h -> new ArrayList<>(1));
        for (int i = 0; i < filters.size() - 1; i++) { // the full filters of the hour, oldest first
            if (filters.get(i).mightContain(key)) {
                return false;
            }
        }
        BloomFilter<CharSequence> last = filters.isEmpty() ? null : filters.get(filters.size() - 1);
        if (last != null && last.approximateElementCount() >= KEYS_PER_FILTER) {
            if (last.mightContain(key)) {
                return false;
            }
            last = null;
        }
        if (last == null) {
            last = newFilter(hour);
            if (last == null) {
                return false; // the key's hour was forgotten to stay within the bound: unknown from now on
            }
            filters.add(last);
        }
        return last.put(key);
    }

    /** Records that the store holds {@code key}, a window ending at {@code endMs} (UTC epoch ms). */
    void add(String key, long endMs) {
        long hour = Math.floorDiv(endMs, HOUR_MS);
        if (hour < knownFrom) {
            return;
        }
        List<BloomFilter<CharSequence>> filters = hours.computeIfAbsent(hour, h -> new ArrayList<>(1));
        BloomFilter<CharSequence> last = filters.isEmpty() ? null : filters.get(filters.size() - 1);
        if (last == null || last.approximateElementCount() >= KEYS_PER_FILTER) {
            last = newFilter(hour);
            if (last == null) {
                return; // the key's hour was forgotten to stay within the bound
            }
            filters.add(last);
        }
        last.put(key);
    }

    /** Forgets the hours ending before {@code endMs} (UTC epoch ms): their keys answer {@code true} from now on. */
    void forgetBefore(long endMs) {
        forget(Math.floorDiv(endMs, HOUR_MS));
    }

    /** Bytes of the filters held. */
    long bytes() {
        return bytes;
    }

    private BloomFilter<CharSequence> newFilter(long hour) {
        long size = filterBytes();
        while (bytes + size > maxBytes && !hours.isEmpty()) {
            long oldest = hours.firstKey();
            forget(oldest + 1);
            if (oldest >= hour) {
                return null;
            }
        }
        bytes += size;
        return BloomFilter.create(KEY_FUNNEL, KEYS_PER_FILTER, FALSE_POSITIVES);
    }

    private void forget(long beforeHour) {
        if (beforeHour <= knownFrom) {
            return;
        }
        knownFrom = beforeHour;
        Iterator<Map.Entry<Long, List<BloomFilter<CharSequence>>>> it = hours.headMap(beforeHour).entrySet()
                .iterator();
        while (it.hasNext()) {
            bytes -= filterBytes() * it.next().getValue().size();
            it.remove();
        }
    }

    /** Bytes of one filter: Guava's optimal bit count for its keys and false-positive probability. */
    static long filterBytes() {
        double bits = -KEYS_PER_FILTER * Math.log(FALSE_POSITIVES) / (Math.log(2) * Math.log(2));
        return (long) Math.ceil(bits / 8);
    }
}
