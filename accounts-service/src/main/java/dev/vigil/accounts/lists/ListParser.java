package dev.vigil.accounts.lists;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.events.Json;
import inet.ipaddr.AddressStringException;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses trusted IP and threat list files in GuardDuty's formats (GuardDuty user guide, "Working with trusted IP
 * lists and threat lists"): TXT (one IP, CIDR or, in threat lists, domain per line; {@code #} starts a comment),
 * STIX 2.x bundles (indicator patterns on {@code ipv4-addr:value}, {@code ipv6-addr:value},
 * {@code domain-name:value}), OTX_CSV (AlienVault OTX export: {@code type,indicator,...}), ALIEN_VAULT (reputation
 * data: {@code ip#risk#reliability#...}), PROOF_POINT (ET intelligence CSV: {@code ip,category,score,...}) and
 * FIRE_EYE (CSV with a header; columns named like {@code ip}/{@code ipAddress}/{@code domain} are read). A bad entry is
 * reported with its line number and never aborts the parse. IPs and CIDRs are validated and normalised with the
 * {@code ipaddress} library.
 */
public final class ListParser {

    private static final Pattern DOMAIN = Pattern.compile("^(?=.{1,253}$)(?!-)[a-z0-9-]{1,63}(?<!-)(\\.(?!-)[a-z0-9-]{1,63}(?<!-))*\\.[a-z][a-z0-9-]{0,62}$");
    private static final Pattern STIX_VALUE = Pattern.compile("(ipv4-addr|ipv6-addr|domain-name):value\\s*=\\s*'((?:[^'\\\\]|\\\\.)*)'");

    private ListParser() {
    }

    /**
     * Parsed content: normalised CIDRs/addresses, lower-case domains, and rejected entries ({@code "line N: ..."}).
     */
    public record Result(List<String> cidrs, List<String> domains, List<String> bad) {
        /** Number of accepted entries. */
        public int size() {
            return cidrs.size() + domains.size();
        }
    }

    /**
     * Parses {@code content} in {@code format}.
     *
     * @param allowDomains true for threat lists (domains allowed), false for trusted IP lists
     * @throws IllegalArgumentException for an unknown format
     */
    public static Result parse(String format, byte[] content, boolean allowDomains) {
        String text = new String(content, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        Collector c = new Collector(allowDomains);
        switch (format) {
            case "TXT" -> lines(text, (n, line) -> c.add(n, stripComment(line)));
            case "STIX" -> stix(text, c);
            case "OTX_CSV" -> lines(text, (n, line) -> {
                String[] cols = csv(stripComment(line));
                if (cols.length >= 2 && !cols[0].equalsIgnoreCase("Indicator type") && !cols[0].isEmpty()) {
                    c.add(n, cols[1]);
                } else if (cols.length == 1 && !cols[0].isEmpty()) {
                    c.bad.add("line " + n + ": expected 'type,indicator'");
                }
            });
            case "ALIEN_VAULT" -> lines(text, (n, line) -> {
                String l = line.trim();
                if (!l.isEmpty() && !l.startsWith("#")) {
                    c.add(n, l.split("#", 2)[0]);
                }
            });
            case "PROOF_POINT" -> lines(text, (n, line) -> {
                String[] cols = csv(stripComment(line));
                if (cols.length > 0 && !cols[0].isEmpty() && !cols[0].equalsIgnoreCase("ip") && !cols[0].equalsIgnoreCase("domain")) {
                    c.add(n, cols[0]);
                }
            });
            case "FIRE_EYE" -> fireEye(text, c);
            default -> throw new IllegalArgumentException("unknown list format " + format);
        }
        return new Result(new ArrayList<>(c.cidrs), new ArrayList<>(c.domains), c.bad);
    }

    private interface LineHandler {
        void line(int number, String line);
    }

    private static void lines(String text, LineHandler h) {
        try (BufferedReader r = new BufferedReader(new StringReader(text))) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                h.line(++n, line);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String stripComment(String line) {
        int hash = line.indexOf('#');
        return (hash >= 0 ? line.substring(0, hash) : line).trim();
    }

    private static String[] csv(String line) {
        String[] cols = line.split(",", -1);
        for (int i = 0; i < cols.length; i++) {
            cols[i] = cols[i].trim().replaceAll("^\"|\"$", "");
        }
        return cols;
    }

    private static void stix(String text, Collector c) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(text);
        } catch (IOException e) {
            c.bad.add("line 1: not a STIX 2.x JSON bundle"
                    + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? ": " + dev.vigil.events.JsonLimits.describe(j) : ""));
            return;
        }
        JsonNode objects = root.has("objects") ? root.get("objects") : root;
        if (!objects.isArray()) {
            objects = Json.MAPPER.createArrayNode().add(root);
        }
        int i = 0;
        for (JsonNode o : objects) {
            i++;
            if (!"indicator".equals(o.path("type").asText())) {
                continue;
            }
            String pattern = o.path("pattern").asText("");
            Matcher m = STIX_VALUE.matcher(pattern);
            boolean any = false;
            while (m.find()) {
                any = true;
                c.add(i, m.group(2));
            }
            if (!any) {
                c.bad.add("object " + i + ": indicator pattern has no ipv4-addr, ipv6-addr or domain-name value");
            }
        }
    }

    private static void fireEye(String text, Collector c) {
        List<String> header = new ArrayList<>();
        lines(text, (n, line) -> {
            if (line.isBlank() || line.trim().startsWith("#")) {
                return;
            }
            String[] cols = csv(line);
            if (header.isEmpty()) {
                for (String h : cols) {
                    header.add(h.toLowerCase(Locale.ROOT));
                }
                if (header.stream().noneMatch(ListParser::isValueColumn)) {
                    c.bad.add("line " + n + ": header has no ip or domain column");
                }
                return;
            }
            for (int i = 0; i < cols.length && i < header.size(); i++) {
                if (isValueColumn(header.get(i)) && !cols[i].isEmpty()) {
                    c.add(n, cols[i]);
                }
            }
        });
    }

    private static boolean isValueColumn(String h) {
        return h.equals("ip") || h.equals("ipaddress") || h.equals("ip_address") || h.equals("domain") || h.equals("cidr");
    }

    private static final class Collector {
        final boolean allowDomains;
        final Set<String> cidrs = new LinkedHashSet<>();
        final Set<String> domains = new LinkedHashSet<>();
        final List<String> bad = new ArrayList<>();

        Collector(boolean allowDomains) {
            this.allowDomains = allowDomains;
        }

        void add(int line, String raw) {
            String value = raw.trim();
            if (value.isEmpty()) {
                return;
            }
            try {
                IPAddress address = new IPAddressString(value).toAddress();
                if (address != null) {
                    IPAddress normal = !address.isPrefixed() ? address
                            : address.getNetworkPrefixLength() == address.getBitCount() ? address.withoutPrefixLength()
                            : address.toPrefixBlock();
                    cidrs.add(normal.toCanonicalString());
                    return;
                }
            } catch (AddressStringException e) {
                // not an address: maybe a domain
            }
            String domain = value.toLowerCase(Locale.ROOT);
            if (domain.endsWith(".")) {
                domain = domain.substring(0, domain.length() - 1);
            }
            // "*.evil.example": the subdomains of evil.example only (the detector's EntryParser reads it the same way)
            String wildcard = domain.startsWith("*.") ? "*." : "";
            domain = domain.substring(wildcard.length());
            if (DOMAIN.matcher(domain).matches() && !domain.matches("^[0-9.]+$")) {
                domain = wildcard + domain;
                if (allowDomains) {
                    domains.add(domain);
                } else {
                    bad.add("line " + line + ": domain '" + abbreviate(value) + "' is not allowed in a trusted IP list");
                }
                return;
            }
            bad.add("line " + line + ": '" + abbreviate(value) + "' is not an IP address, CIDR" + (allowDomains ? " or domain" : ""));
        }

        /**
         * At most 80 characters of a rejected value, with control characters (NUL included: PostgreSQL's text cannot
         * hold it) and unpaired surrogates shown as U+FFFD, so a hostile file's bytes are never stored as they are.
         */
        static String abbreviate(String s) {
            String cut = s.length() > 80 ? s.substring(0, 80) + "..." : s;
            StringBuilder out = new StringBuilder(cut.length());
            for (int i = 0; i < cut.length(); i++) {
                char ch = cut.charAt(i);
                boolean pair = Character.isHighSurrogate(ch) && i + 1 < cut.length() && Character.isLowSurrogate(cut.charAt(i + 1));
                if (pair) {
                    out.append(ch).append(cut.charAt(++i));
                } else {
                    out.append(Character.isISOControl(ch) || Character.isSurrogate(ch) ? '\uFFFD' : ch);
                }
            }
            return out.toString();
        }
    }
}
