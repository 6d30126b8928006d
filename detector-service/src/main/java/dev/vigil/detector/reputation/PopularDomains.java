package dev.vigil.detector.reputation;

import com.google.common.net.InternetDomainName;
import dev.vigil.detector.threatintel.DomainMatcher;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Benign reputation: the shipped list of popular domain names ({@code reputation/popular-domains.txt.gz}, its
 * sources and licences in its header and in {@code threatintel/PROVENANCE.md}), the false-positive control of the
 * domain rules. A name is popular when it, or a parent of it down to its registrable domain, is listed; popularity
 * never crosses a public suffix, including the private ones of the Public Suffix List: {@code github.io} being
 * popular says nothing of {@code someone.github.io}, and a listed {@code blogspot.com} says nothing of
 * {@code evil.blogspot.com}.
 */
public final class PopularDomains {

    static final String RESOURCE = "reputation/popular-domains.txt.gz";
    private static final PopularDomains SHIPPED = new PopularDomains(read());

    private final List<String> names;
    private final DomainMatcher matcher = new DomainMatcher();

    /** A list of {@code names} (lower case, no trailing dot). */
    public PopularDomains(Collection<String> names) {
        this.names = List.copyOf(names);
        this.names.forEach(n -> matcher.add(n, "popular"));
    }

    /** The shipped list. */
    public static PopularDomains get() {
        return SHIPPED;
    }

    /** Every listed name. */
    public List<String> names() {
        return names;
    }

    /** Whether {@code name} is popular (see the class comment). */
    public boolean isPopular(String name) {
        DomainMatcher.Match m = matcher.match(name);
        if (m == null) {
            return false;
        }
        String site = topPrivateDomain(name);
        return site == null || m.domain().length() >= site.length();
    }

    /**
     * The registrable domain of {@code name} by the whole Public Suffix List (private suffixes included:
     * {@code someone.github.io}), or {@code null} for names outside it.
     */
    public static String topPrivateDomain(String name) {
        try {
            InternetDomainName d = InternetDomainName.from(name);
            return d.isUnderPublicSuffix() ? d.topPrivateDomain().toString() : null;
        } catch (IllegalArgumentException | IllegalStateException e) {
            return null;
        }
    }

    private static List<String> read() {
        try (InputStream in = PopularDomains.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing");
            }
            return new String(new GZIPInputStream(in).readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
