package dev.vigil.detector.network;

import dev.vigil.detector.rules.Net;
import inet.ipaddr.IPAddress;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The shipped list of public DNS-over-HTTPS resolvers ({@code network/public-doh-resolvers.txt}, provenance in
 * {@code network/PROVENANCE.md}): addresses or CIDR blocks, each with its operator's DoH host name.
 */
public final class PublicDohResolvers {

    private static final String RESOURCE = "/network/public-doh-resolvers.txt";
    private static final PublicDohResolvers SHIPPED = load();

    private record Entry(IPAddress block, String endpoint) {
    }

    private final List<Entry> entries;

    private PublicDohResolvers(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** The shipped list. */
    public static PublicDohResolvers shipped() {
        return SHIPPED;
    }

    /** Number of addresses or blocks listed. */
    public int size() {
        return entries.size();
    }

    /** The DoH endpoint (e.g. {@code dns.google}) of the resolver at {@code address}, or {@code null}. */
    public String endpoint(IPAddress address) {
        if (address == null) {
            return null;
        }
        for (Entry e : entries) {
            if (e.block().contains(address.withoutPrefixLength())) {
                return e.endpoint();
            }
        }
        return null;
    }

    private static PublicDohResolvers load() {
        try (InputStream in = PublicDohResolvers.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " missing from the detector");
            }
            List<Entry> out = new ArrayList<>();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t");
                IPAddress block = Net.parse(parts[0].strip());
                if (block == null) {
                    throw new IllegalStateException(RESOURCE + ": not an address: " + line);
                }
                out.add(new Entry(block.toPrefixBlock(), parts.length > 1 ? parts[1].strip() : "-"));
            }
            return new PublicDohResolvers(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
