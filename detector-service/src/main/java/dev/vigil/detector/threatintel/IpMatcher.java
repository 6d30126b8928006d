package dev.vigil.detector.threatintel;

import dev.vigil.detector.rules.Net;
import inet.ipaddr.IPAddress;
import inet.ipaddr.ipv4.IPv4AddressAssociativeTrie;
import inet.ipaddr.ipv6.IPv6AddressAssociativeTrie;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Addresses and CIDR blocks (IPv4 and IPv6) mapped to the names of the lists that hold them, in two address tries
 * of the {@code ipaddress} library: a lookup costs one walk down the trie (at most 32 or 128 levels), whatever the
 * list size. Entries are normalised, so {@code 2001:0470:001d:03b0:0000:0000:00ac:ce55} matches
 * {@code 2001:470:1d:3b0::ac:ce55}. Not thread-safe while being built; read-only use is thread-safe.
 */
public final class IpMatcher {

    private final IPv4AddressAssociativeTrie<Set<String>> v4 = new IPv4AddressAssociativeTrie<>();
    private final IPv6AddressAssociativeTrie<Set<String>> v6 = new IPv6AddressAssociativeTrie<>();
    private int size;

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
     * Adds an address or block (host bits are cleared) under a list name; overlapping blocks are kept apart, so a
     * lookup reports every list whose block contains the address.
     *
     * @return false when that list already holds exactly this block
     */
    public boolean add(IPAddress address, String listName) {
        IPAddress block = address.isPrefixed() ? address.toPrefixBlock() : address;
        boolean[] added = {false};
        java.util.function.Function<Set<String>, Set<String>> merge = old -> {
            // one list name usually: a singleton set costs far less than a LinkedHashSet per node
            if (old == null) {
                added[0] = true;
                return Set.of(listName);
            }
            if (old.contains(listName)) {
                return old;
            }
            added[0] = true;
            Set<String> s = new LinkedHashSet<>(old);
            s.add(listName);
            return s;
        };
        if (block.isIPv4()) {
            v4.remap(block.toIPv4(), merge);
        } else {
            v6.remap(block.toIPv6(), merge);
        }
        if (added[0]) {
            size++;
        }
        return added[0];
    }

    /** Number of entries added. */
    public int size() {
        return size;
    }

    /** The names of every list holding an entry that contains {@code address}; empty when none. */
    public List<String> match(IPAddress address) {
        List<String> names = new ArrayList<>(1);
        if (address == null || size == 0) {
            return names;
        }
        IPAddress a = address.withoutPrefixLength();
        var node = a.isIPv4() ? v4.elementsContaining(a.toIPv4()) : v6.elementsContaining(a.toIPv6());
        if (node == null) {
            return names;
        }
        var it = node.nodeIterator(true);
        while (it.hasNext()) {
            var n = it.next();
            if (n.isAdded() && n.getValue() != null) {
                for (String name : n.getValue()) {
                    if (!names.contains(name)) {
                        names.add(name);
                    }
                }
            }
        }
        return names;
    }

    /** Whether any entry contains {@code address}. */
    public boolean contains(IPAddress address) {
        if (address == null || size == 0) {
            return false;
        }
        IPAddress a = address.withoutPrefixLength();
        return a.isIPv4() ? v4.elementContains(a.toIPv4()) : v6.elementContains(a.toIPv6());
    }
}
