package dev.vigil.egress;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The address blocks of IANA's IPv4 and IPv6 Special-Purpose Address Registries (RFC 6890, updated by RFC 8190), read
 * from the registries' own CSV files shipped in this jar ({@code PROVENANCE.md}: source URLs and date), plus the
 * blocks that are no unicast destination though outside those registries: multicast (224.0.0.0/4, RFC 5771; ff00::/8,
 * RFC 4291) and IPv4-compatible IPv6 (::/96, deprecated by RFC 4291 section 2.5.5.1).
 */
public final class SpecialPurposeRegistry {

    /** The date of the shipped registry files. */
    public static final String AS_OF = "2026-07-18";

    /** One block and the registry's name for it. */
    public record Block(IPAddress prefix, String name) {
    }

    private static final List<Block> BLOCKS = load();

    private SpecialPurposeRegistry() {
    }

    /** Every block, IPv4 then IPv6 then the extra ones. */
    public static List<Block> blocks() {
        return BLOCKS;
    }

    /** The first block containing {@code address}, or {@code null}. */
    public static Block find(IPAddress address) {
        for (Block b : BLOCKS) {
            if (b.prefix().getIPVersion() == address.getIPVersion() && b.prefix().contains(address)) {
                return b;
            }
        }
        return null;
    }

    private static List<Block> load() {
        List<Block> out = new ArrayList<>();
        read("iana-ipv4-special-registry-1.csv", out);
        read("iana-ipv6-special-registry-1.csv", out);
        out.add(block("224.0.0.0/4", "Multicast (RFC 5771)"));
        out.add(block("ff00::/8", "Multicast (RFC 4291)"));
        out.add(block("::/96", "IPv4-compatible IPv6 address (deprecated, RFC 4291 section 2.5.5.1)"));
        return List.copyOf(out);
    }

    private static void read(String resource, List<Block> out) {
        String text;
        try (InputStream in = SpecialPurposeRegistry.class.getResourceAsStream(resource)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("registry file " + resource + " is missing", e);
        }
        List<List<String>> rows = Csv.parse(text);
        for (List<String> row : rows.subList(1, rows.size())) {
            // "192.0.0.0/24 [2]" (a footnote) and "192.0.0.170/32, 192.0.0.171/32" (two blocks in one row)
            for (String cidr : row.get(0).split(",")) {
                out.add(block(cidr.replaceAll("\\[\\d+]", "").trim(), row.get(1)));
            }
        }
    }

    private static Block block(String cidr, String name) {
        IPAddress prefix = new IPAddressString(cidr).getAddress();
        if (prefix == null) {
            throw new IllegalStateException("not a CIDR block in the registry: " + cidr);
        }
        return new Block(prefix.toPrefixBlock(), name);
    }

    /** RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks. */
    static final class Csv {

        private Csv() {
        }

        static List<List<String>> parse(String text) {
            List<List<String>> rows = new ArrayList<>();
            List<String> row = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        field.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    row.add(field.toString());
                    field.setLength(0);
                } else if (c == '\n') {
                    row.add(field.toString());
                    field.setLength(0);
                    rows.add(row);
                    row = new ArrayList<>();
                } else if (c != '\r') {
                    field.append(c);
                }
            }
            if (field.length() > 0 || !row.isEmpty()) {
                row.add(field.toString());
                rows.add(row);
            }
            return rows;
        }
    }
}
