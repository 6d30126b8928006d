package dev.vigil.detector.threatintel;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads a threat list line by line into an {@link IpMatcher} and a {@link DomainMatcher} ({@link EntryParser} says
 * what a line may hold). Every line is accepted, counted as a duplicate, or rejected with its line number; one bad
 * line never fails the list, only a list in which nothing parses does.
 */
public final class ListReader {

    /** How many rejected lines a report keeps verbatim (the count covers them all). */
    static final int KEEP_REJECTED = 20;

    private ListReader() {
    }

    /**
     * What a list load did.
     *
     * @param name       the list (file) name
     * @param accepted   new entries added
     * @param duplicates entries already held (the same address, block or domain)
     * @param rejected   number of rejected lines
     * @param examples   the first {@value #KEEP_REJECTED} rejected lines, {@code "line N: reason: text"}
     */
    public record Report(String name, int accepted, int duplicates, int rejected, List<String> examples) {
    }

    /**
     * Reads {@code in} (gzip when {@code name} ends in {@code .gz}) under list name {@code listName}.
     *
     * @throws IllegalArgumentException when the list has lines but none of them parses
     * @throws IOException              when the stream cannot be read
     */
    public static Report read(String name, InputStream in, String listName, IpMatcher ips, DomainMatcher domains)
            throws IOException {
        InputStream raw = name.endsWith(".gz") ? new GZIPInputStream(in) : in;
        BufferedReader r = new BufferedReader(new InputStreamReader(raw, StandardCharsets.UTF_8));
        Counter c = new Counter(name);
        int lineNo = 0;
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            c.add(++lineNo, line, listName, ips, domains);
        }
        return c.report();
    }

    /** Reads already split entries (a tenant list from the contract); numbering starts at 1. */
    public static Report read(String name, List<String> lines, String listName, IpMatcher ips,
            DomainMatcher domains) {
        Counter c = new Counter(name);
        int lineNo = 0;
        for (String line : lines) {
            c.add(++lineNo, line, listName, ips, domains);
        }
        return c.report();
    }

    private static final class Counter {
        private final String name;
        private final List<String> examples = new ArrayList<>();
        private int accepted;
        private int duplicates;
        private int rejected;

        Counter(String name) {
            this.name = name;
        }

        void add(int lineNo, String line, String listName, IpMatcher ips, DomainMatcher domains) {
            EntryParser.Entry e = EntryParser.parse(line);
            if (e.isEmpty()) {
                return;
            }
            if (e.rejection() != null) {
                rejected++;
                if (examples.size() < KEEP_REJECTED) {
                    examples.add("line " + lineNo + ": " + e.rejection() + ": " + abbreviate(line.strip()));
                }
                return;
            }
            boolean isNew = e.block() != null ? ips.add(e.block(), listName)
                    : e.subdomainsOnly() ? domains.addSubdomains(e.domain(), listName)
                            : domains.add(e.domain(), listName);
            if (isNew) {
                accepted++;
            } else {
                duplicates++;
            }
        }

        Report report() {
            if (accepted == 0 && duplicates == 0 && rejected > 0) {
                throw new IllegalArgumentException("no line of " + name + " parses (" + rejected + " rejected; "
                        + String.join("; ", examples) + ")");
            }
            return new Report(name, accepted, duplicates, rejected, List.copyOf(examples));
        }

        private static String abbreviate(String s) {
            return s.length() <= 80 ? s : s.substring(0, 77) + "...";
        }
    }
}
