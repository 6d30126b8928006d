package dev.vigil.detector.threatintel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Domain names mapped to list names, matched on label boundaries: a listed {@code evil.example} matches
 * {@code evil.example} and {@code a.evil.example}, never {@code notevil.example}; a wildcard entry
 * {@code *.evil.example} matches only the subdomains. Names are compared lower case without the trailing dot. A
 * lookup costs one hash probe per label of the query. Not thread-safe while being built; read-only use is.
 */
public final class DomainMatcher {

    private final Map<String, String> domains = new HashMap<>();
    private final Map<String, String> subdomainsOnly = new HashMap<>();

    /** Normalises a DNS name from a log: lower case, no trailing dot, trimmed; {@code null} for blank. */
    public static String normalise(String name) {
        if (name == null) {
            return null;
        }
        String n = name.trim().toLowerCase(Locale.ROOT);
        while (n.endsWith(".")) {
            n = n.substring(0, n.length() - 1);
        }
        return n.isEmpty() ? null : n;
    }

    /**
     * Adds a domain (and its subdomains) under a list name; the first list naming a domain keeps it.
     *
     * @return whether the domain was new
     */
    public boolean add(String domain, String listName) {
        String d = normalise(domain);
        if (d == null || d.contains(" ")) {
            return false;
        }
        return domains.putIfAbsent(d, listName) == null;
    }

    /**
     * Adds a wildcard entry: only the subdomains of {@code domain} match.
     *
     * @return whether the entry was new
     */
    public boolean addSubdomains(String domain, String listName) {
        String d = normalise(domain);
        if (d == null || d.contains(" ") || domains.containsKey(d)) {
            return false;
        }
        return subdomainsOnly.putIfAbsent(d, listName) == null;
    }

    /** Number of entries. */
    public int size() {
        return domains.size() + subdomainsOnly.size();
    }

    /** The listed domain that {@code queryName} is or is under, with its list, or {@code null}. */
    public Match match(String queryName) {
        String n = normalise(queryName);
        boolean self = true;
        while (n != null) {
            String list = domains.get(n);
            if (list == null && !self) {
                list = subdomainsOnly.get(n);
            }
            if (list != null) {
                return new Match(n, list);
            }
            int dot = n.indexOf('.');
            n = dot < 0 ? null : n.substring(dot + 1);
            self = false;
        }
        return null;
    }

    /** A matched domain and the list that holds it. */
    public record Match(String domain, String listName) {
    }

    /** Every listed domain, wildcard entries as {@code *.domain} (for tests and diagnostics). */
    public List<String> domains() {
        List<String> all = new ArrayList<>(domains.keySet());
        subdomainsOnly.keySet().forEach(d -> all.add("*." + d));
        return all;
    }
}
