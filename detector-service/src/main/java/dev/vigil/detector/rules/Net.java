package dev.vigil.detector.rules;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import inet.ipaddr.ipv4.IPv4Address;

/** IP address helpers on top of the {@code ipaddress} library (IPv4 and IPv6, normalised). */
public final class Net {

    /** Plain addresses only: no inet_aton forms (so {@code 045} is decimal 45, never octal), no host names. */
    private static final IPAddressStringParameters PARAMS = new IPAddressStringParameters.Builder()
            .allow_inet_aton(false).allowEmpty(false).allowAll(false).toParams();
    private static final IPAddress CGNAT = new IPAddressString("100.64.0.0/10").getAddress();

    private Net() {
    }

    /** Parses an address or CIDR block; {@code null} when blank, a host name or invalid. */
    public static IPAddress parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.trim();
        int v4 = dottedQuad(t);
        if (v4 != NOT_DOTTED_QUAD || t.equals("255.255.255.255")) {
            return new IPv4Address(v4);
        }
        IPAddress address = new IPAddressString(t, PARAMS).getAddress();
        if (address == null) {
            return null;
        }
        // an IPv4-mapped IPv6 address (::ffff:a.b.c.d) is the IPv4 address
        if (address.isIPv6() && address.toIPv6().isIPv4Mapped()) {
            return address.toIPv6().getEmbeddedIPv4Address();
        }
        return address;
    }

    /** {@link #dottedQuad}'s answer for text that is not four decimal octets (also 255.255.255.255's value). */
    private static final int NOT_DOTTED_QUAD = -1;

    /**
     * The value of an IPv4 address written as four decimal octets (each 1-3 digits, at most 255, leading zeros
     * decimal as {@link #PARAMS} reads them), or {@link #NOT_DOTTED_QUAD}. Flow logs carry almost only such
     * addresses; reading them here costs a tenth of the library's general parser (profile in
     * detector-service/BENCHMARKS.md), which still reads every other form.
     */
    static int dottedQuad(String t) {
        int n = t.length();
        if (n < 7 || n > 15) {
            return NOT_DOTTED_QUAD;
        }
        int value = 0;
        int octet = 0;
        int digits = 0;
        int dots = 0;
        for (int i = 0; i < n; i++) {
            char c = t.charAt(i);
            if (c >= '0' && c <= '9') {
                octet = octet * 10 + (c - '0');
                if (++digits > 3 || octet > 255) {
                    return NOT_DOTTED_QUAD;
                }
            } else if (c == '.' && digits > 0 && dots < 3) {
                value = value << 8 | octet;
                octet = 0;
                digits = 0;
                dots++;
            } else {
                return NOT_DOTTED_QUAD;
            }
        }
        return dots == 3 && digits > 0 ? value << 8 | octet : NOT_DOTTED_QUAD;
    }

    /** The canonical text of an address (IPv6 compressed lower case), or the input when it is not an address. */
    public static String canonical(String text) {
        IPAddress a = parse(text);
        return a == null ? text : a.withoutPrefixLength().toCanonicalString();
    }

    /**
     * Whether the address is routable on the internet: not private (RFC 1918), shared (RFC 6598), loopback,
     * link-local, unique-local (RFC 4193), multicast or unspecified.
     */
    public static boolean isPublic(IPAddress a) {
        if (a == null || a.isLoopback() || a.isLinkLocal() || a.isMulticast() || a.isAnyLocal() || a.isLocal()) {
            return false;
        }
        return !(a.isIPv4() && CGNAT.contains(a));
    }

    /** {@link #isPublic(IPAddress)} of a text address; false for anything that is not an address. */
    public static boolean isPublic(String text) {
        return isPublic(parse(text));
    }

    /** The network a login came from: /16 for IPv4, /32 for IPv6, as canonical CIDR text. */
    public static String network(IPAddress a) {
        int bits = a.isIPv4() ? 16 : 32;
        return a.setPrefixLength(bits, false).toPrefixBlock().toCanonicalString();
    }
}
