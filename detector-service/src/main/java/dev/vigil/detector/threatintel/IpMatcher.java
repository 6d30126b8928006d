package dev.vigil.detector.threatintel;

import dev.vigil.detector.rules.Net;
import inet.ipaddr.IPAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Addresses and CIDR blocks (IPv4 and IPv6) mapped to the names of the lists that hold them, kept compact: per
 * address family and prefix length, one sorted array of network addresses (4 bytes per IPv4 block, 16 per IPv6)
 * with a parallel array of list indexes. A lookup masks the address to each prefix length present and binary
 * searches that array, so it costs at most 33 (IPv4) or 129 (IPv6) searches of {@code log n} steps, and in practice
 * a handful (lists use few lengths). Overlapping blocks are kept apart: a lookup reports every list whose block
 * contains the address. About 10 bytes per IPv4 entry and 24 per IPv6 entry (the {@code ipaddress} library's trie
 * took about a kilobyte, see BENCHMARKS.md). Entries are normalised on the way in, so
 * {@code 2001:0470:001d:03b0:0000:0000:00ac:ce55} matches {@code 2001:470:1d:3b0::ac:ce55}.
 *
 * <p>Built by one thread, then read by any: the first lookup freezes the matcher (sorts the arrays and drops the
 * duplicate index used while building); adding after that is an error.
 */
public final class IpMatcher {

    private final List<String> listNames = new ArrayList<>();
    private final Map<String, Integer> listIndex = new HashMap<>();
    private final Bucket[] v4 = new Bucket[33];
    private final Bucket[] v6 = new Bucket[129];
    /** The (family, length, network, list) keys added so far, to report duplicates; null when not tracked. */
    private Set<Object> seen;
    private int[] v4Lengths = new int[0];
    private int[] v6Lengths = new int[0];
    private volatile boolean frozen;
    private int size;

    /** The entries of one address family and prefix length: networks (1 or 2 longs each) and list indexes. */
    private static final class Bucket {
        final int words;
        long[] nets = new long[16];
        int[] lists = new int[8];
        int n;

        Bucket(int words) {
            this.words = words;
        }

        void add(long hi, long lo, int list) {
            if ((n + 1) * words > nets.length) {
                nets = Arrays.copyOf(nets, nets.length * 2);
            }
            if (n == lists.length) {
                lists = Arrays.copyOf(lists, lists.length * 2);
            }
            nets[n * words] = hi;
            if (words == 2) {
                nets[n * words + 1] = lo;
            }
            lists[n++] = list;
        }

        /** Sorts by network (then list) and drops repeated (network, list) pairs; the number of entries left. */
        int sortAndDedupe() {
            if (words == 1) {
                long[] keys = new long[n];
                for (int i = 0; i < n; i++) {
                    keys[i] = nets[i] << 31 | lists[i]; // 32-bit network, 31-bit list index
                }
                Arrays.sort(keys);
                nets = new long[n];
                lists = new int[n];
                for (int i = 0; i < n; i++) {
                    nets[i] = keys[i] >>> 31;
                    lists[i] = (int) (keys[i] & 0x7FFF_FFFFL);
                }
            } else {
                Integer[] order = new Integer[n];
                for (int i = 0; i < n; i++) {
                    order[i] = i;
                }
                Arrays.sort(order, (a, b) -> {
                    int c = compare(a, b);
                    return c != 0 ? c : Integer.compare(lists[a], lists[b]);
                });
                long[] sortedNets = new long[n * words];
                int[] sortedLists = new int[n];
                for (int i = 0; i < n; i++) {
                    System.arraycopy(nets, order[i] * words, sortedNets, i * words, words);
                    sortedLists[i] = lists[order[i]];
                }
                nets = sortedNets;
                lists = sortedLists;
            }
            int kept = 0;
            for (int i = 0; i < n; i++) {
                if (kept > 0 && lists[kept - 1] == lists[i] && equalsAt(kept - 1, nets[i * words],
                        words == 2 ? nets[i * words + 1] : 0)) {
                    continue;
                }
                System.arraycopy(nets, i * words, nets, kept * words, words);
                lists[kept++] = lists[i];
            }
            n = kept;
            nets = Arrays.copyOf(nets, n * words);
            lists = Arrays.copyOf(lists, n);
            return n;
        }

        private int compare(int a, int b) {
            int c = Long.compareUnsigned(nets[a * words], nets[b * words]);
            return c != 0 || words == 1 ? c : Long.compareUnsigned(nets[a * words + 1], nets[b * words + 1]);
        }

        /** The first index whose network equals (hi, lo), or -1. */
        int find(long hi, long lo) {
            int low = 0;
            int high = n - 1;
            int found = -1;
            while (low <= high) {
                int mid = (low + high) >>> 1;
                int c = Long.compareUnsigned(nets[mid * words], hi);
                if (c == 0 && words == 2) {
                    c = Long.compareUnsigned(nets[mid * words + 1], lo);
                }
                if (c < 0) {
                    low = mid + 1;
                } else {
                    if (c == 0) {
                        found = mid;
                    }
                    high = mid - 1;
                }
            }
            return found;
        }

        boolean equalsAt(int i, long hi, long lo) {
            return nets[i * words] == hi && (words == 1 || nets[i * words + 1] == lo);
        }
    }

    /** A matcher that reports duplicate entries as they are added (for lists whose load is reported). */
    public IpMatcher() {
        this(true);
    }

    /**
     * A matcher; without {@code trackDuplicates} (large tenant lists) every add reports a new entry and repeated
     * entries are dropped when the matcher freezes, which saves the duplicate index while building.
     */
    public IpMatcher(boolean trackDuplicates) {
        this.seen = trackDuplicates ? new HashSet<>() : null;
    }

    /**
     * Adds an address or CIDR block under a list name.
     *
     * @return false (and nothing added) when {@code entry} is not an address or block, or that list already holds it
     */
    public boolean add(String entry, String listName) {
        IPAddress a = Net.parse(entry);
        return a != null && add(a, listName);
    }

    /**
     * Adds an address or block (host bits are cleared) under a list name.
     *
     * @return false when that list already holds exactly this block
     * @throws IllegalStateException after the first lookup
     */
    public boolean add(IPAddress address, String listName) {
        if (frozen) {
            throw new IllegalStateException("IpMatcher is read-only once looked up");
        }
        boolean v4Address = address.isIPv4();
        int bits = address.isPrefixed() ? address.getNetworkPrefixLength() : v4Address ? 32 : 128;
        long[] w = words(address, bits);
        int list = listIndex.computeIfAbsent(listName, k -> {
            listNames.add(k);
            return listNames.size() - 1;
        });
        if (seen != null && !seen.add(v4Address ? (Object) (w[0] | (long) bits << 32 | (long) list << 38)
                : List.of(bits, w[0], w[1], list))) {
            return false;
        }
        Bucket[] buckets = v4Address ? v4 : v6;
        if (buckets[bits] == null) {
            buckets[bits] = new Bucket(v4Address ? 1 : 2);
        }
        buckets[bits].add(w[0], w[1], list);
        size++;
        return true;
    }

    /** The address as one (IPv4) or two (IPv6) unsigned words, masked to its first {@code bits} bits. */
    private static long[] words(IPAddress a, int bits) {
        byte[] b = a.getBytes();
        long hi = 0;
        long lo = 0;
        if (b.length == 4) {
            for (byte x : b) {
                hi = hi << 8 | (x & 0xFF);
            }
            return new long[] {hi & mask(32, bits), 0};
        }
        for (int i = 0; i < 8; i++) {
            hi = hi << 8 | (b[i] & 0xFF);
            lo = lo << 8 | (b[i + 8] & 0xFF);
        }
        return new long[] {hi & mask(64, Math.min(bits, 64)), lo & mask(64, Math.max(bits - 64, 0))};
    }

    private static long mask(int width, int bits) {
        if (bits <= 0) {
            return 0;
        }
        long all = width == 64 ? -1L : (1L << width) - 1;
        return bits >= width ? all : all & ~((1L << (width - bits)) - 1);
    }

    private synchronized void freeze() {
        if (frozen) {
            return;
        }
        v4Lengths = lengths(v4);
        v6Lengths = lengths(v6);
        seen = null;
        frozen = true;
    }

    private int[] lengths(Bucket[] buckets) {
        List<Integer> out = new ArrayList<>();
        for (int i = buckets.length - 1; i >= 0; i--) {
            if (buckets[i] != null) {
                int before = buckets[i].n;
                size -= before - buckets[i].sortAndDedupe();
                out.add(i);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Number of entries added. */
    public int size() {
        return size;
    }

    /** The names of every list holding an entry that contains {@code address}; empty when none. */
    public List<String> match(IPAddress address) {
        List<String> names = new ArrayList<>(1);
        visit(address, i -> {
            String name = listNames.get(i);
            if (!names.contains(name)) {
                names.add(name);
            }
            return false;
        });
        return names;
    }

    /** Whether any entry contains {@code address}. */
    public boolean contains(IPAddress address) {
        return visit(address, i -> true);
    }

    /** Calls {@code hit} with the list index of each containing entry until it returns true; whether it did. */
    private boolean visit(IPAddress address, java.util.function.IntPredicate hit) {
        if (address == null || size == 0) {
            return false;
        }
        if (!frozen) {
            freeze();
        }
        IPAddress a = address.withoutPrefixLength();
        boolean isV4 = a.isIPv4();
        Bucket[] buckets = isV4 ? v4 : v6;
        for (int bits : isV4 ? v4Lengths : v6Lengths) {
            long[] w = words(a, bits);
            Bucket b = buckets[bits];
            for (int i = b.find(w[0], w[1]); i >= 0 && i < b.n && b.equalsAt(i, w[0], w[1]); i++) {
                if (hit.test(b.lists[i])) {
                    return true;
                }
            }
        }
        return false;
    }
}
