package dev.vigil.detector.rules;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;

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
        IPAddress address = new IPAddressString(text.trim(), PARAMS).getAddress();
        if (address == null) {
            return null;
        }
        // an IPv4-mapped IPv6 address (::ffff:a.b.c.d) is the IPv4 address
        if (address.isIPv6() && address.toIPv6().isIPv4Mapped()) {
            return address.toIPv6().getEmbeddedIPv4Address();
        }
        return address;
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
