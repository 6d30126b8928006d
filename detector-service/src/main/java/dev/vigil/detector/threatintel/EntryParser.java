package dev.vigil.detector.threatintel;

import dev.vigil.detector.rules.Net;
import inet.ipaddr.IPAddress;
import java.net.IDN;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Parses one line of a threat list into an address/CIDR block or a domain, or says why it is rejected. Accepted
 * forms, as operators and public feeds write them:
 * <ul>
 * <li>IPv4/IPv6 addresses and CIDR blocks ({@code 203.0.113.7}, {@code 198.51.100.0/24}, {@code 2001:db8::/32};
 * host bits are cleared, {@code 10.1.2.3/8} is {@code 10.0.0.0/8});
 * <li>domain names in any case, with or without the trailing dot, internationalised names in Unicode (converted to
 * their ASCII {@code xn--} form, RFC 5891), and wildcards {@code *.evil.example} (subdomains only);
 * <li>hosts-file lines ({@code 0.0.0.0 evil.example}), adblock host rules ({@code ||evil.example^}) and bare URLs
 * without a path ({@code http://evil.example/}).
 * </ul>
 * {@code #} and {@code !} start comments. Rejected: anything else, including URLs with a path (the host of a single
 * malicious file is often a legitimate shared site), single-label names and labels longer than 63 characters.
 */
public final class EntryParser {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?");
    private static final Pattern HOSTS_LINE = Pattern.compile("(0\\.0\\.0\\.0|127\\.0\\.0\\.1|::1?)\\s+(\\S+)");

    private EntryParser() {
    }

    /** What a line holds: an address block, a domain, nothing (blank or comment), or a rejection. */
    public record Entry(IPAddress block, String domain, boolean subdomainsOnly, String rejection) {

        static final Entry NONE = new Entry(null, null, false, null);

        static Entry rejected(String why) {
            return new Entry(null, null, false, why);
        }

        /** Whether the line was blank or a comment. */
        public boolean isEmpty() {
            return block == null && domain == null && rejection == null;
        }
    }

    /** Parses {@code rawLine}; never throws. */
    public static Entry parse(String rawLine) {
        if (rawLine == null) {
            return Entry.NONE;
        }
        String line = rawLine.strip();
        int hash = line.indexOf('#');
        if (hash >= 0) {
            line = line.substring(0, hash).strip();
        }
        if (line.isEmpty() || line.startsWith("!") || line.startsWith("[")) {
            return Entry.NONE;
        }
        var hosts = HOSTS_LINE.matcher(line);
        if (hosts.matches()) {
            line = hosts.group(2);
        } else if (line.startsWith("||") && line.endsWith("^")) {
            line = line.substring(2, line.length() - 1);
        } else if (line.contains("://")) {
            String rest = line.substring(line.indexOf("://") + 3);
            int slash = rest.indexOf('/');
            if (slash >= 0 && slash < rest.length() - 1) {
                return Entry.rejected("a URL with a path names a file, not a host");
            }
            line = slash >= 0 ? rest.substring(0, slash) : rest;
            int colon = line.lastIndexOf(':');
            if (colon > 0 && line.indexOf(':') == colon) {
                line = line.substring(0, colon); // host:port
            }
        }
        if (line.chars().anyMatch(Character::isWhitespace)) {
            return Entry.rejected("more than one token");
        }
        IPAddress a = Net.parse(line);
        if (a != null) {
            return new Entry(a.isPrefixed() ? a.toPrefixBlock() : a, null, false, null);
        }
        if (looksNumeric(line)) {
            return Entry.rejected("not a valid IP address or CIDR block");
        }
        boolean wildcard = line.startsWith("*.");
        String domain = normalise(wildcard ? line.substring(2) : line);
        if (domain == null) {
            return Entry.rejected("not an IP address, CIDR block or domain name");
        }
        return new Entry(null, domain, wildcard, null);
    }

    private static boolean looksNumeric(String s) {
        return s.chars().allMatch(c -> Character.isDigit(c) || c == '.' || c == '/' || c == ':')
                || s.contains("/") || s.chars().filter(c -> c == ':').count() > 1;
    }

    /**
     * A domain name in canonical form (ASCII, lower case, no trailing dot), or {@code null} when it is not a valid
     * host name of at least two labels (RFC 1035 lengths; underscores allowed, as in service names).
     */
    public static String normalise(String name) {
        String n = name.strip();
        while (n.endsWith(".")) {
            n = n.substring(0, n.length() - 1);
        }
        if (n.isEmpty() || n.contains("..")) {
            return null;
        }
        try {
            n = IDN.toASCII(n, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (n.length() > 253) {
            return null;
        }
        String[] labels = n.split("\\.");
        if (labels.length < 2) {
            return null;
        }
        for (String l : labels) {
            if (!LABEL.matcher(l).matches()) {
                return null;
            }
        }
        return Character.isDigit(labels[labels.length - 1].charAt(0)) ? null : n;
    }
}
