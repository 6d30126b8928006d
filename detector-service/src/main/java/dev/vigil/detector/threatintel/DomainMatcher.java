package dev.vigil.detector.threatintel;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Domain names mapped to list names; a listed domain also matches its subdomains ({@code xmr.pool.minergate.com}
 * matches {@code minergate.com}). Names are compared lower case without the trailing dot. A lookup costs one hash
 * probe per label.
 */
public final class DomainMatcher {

    private final Map<String, String> domains = new HashMap<>();

    /** Normalises a DNS name: lower case, no trailing dot, trimmed; {@code null} for blank. */
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

    /** Adds a domain under a list name (the first list naming a domain keeps it). */
    public void add(String domain, String listName) {
        String d = normalise(domain);
        if (d != null && !d.contains(" ")) {
            domains.putIfAbsent(d, listName);
        }
    }

    /** Number of domains. */
    public int size() {
        return domains.size();
    }

    /** The listed domain that {@code queryName} is or is under, with its list, or {@code null}. */
    public Match match(String queryName) {
        String n = normalise(queryName);
        while (n != null) {
            String list = domains.get(n);
            if (list != null) {
                return new Match(n, list);
            }
            int dot = n.indexOf('.');
            n = dot < 0 ? null : n.substring(dot + 1);
        }
        return null;
    }

    /** A matched domain and the list that holds it. */
    public record Match(String domain, String listName) {
    }

    /** Every listed domain (for tests and diagnostics). */
    public List<String> domains() {
        return List.copyOf(domains.keySet());
    }
}
