package dev.vigil.egress;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The one server-side request forgery guard for every URL a tenant can give Vigil (threat and trusted list locations,
 * webhook destinations): a destination address is refused when it is in a block of IANA's special-purpose registries
 * or multicast ({@link SpecialPurposeRegistry}) or is one of this machine's own interface addresses, unless it is in
 * the operator's allow-list or the guard is off (tests, a trusted single-user set-up).
 *
 * <p>Where it is applied: at creation ({@link #checkUrl}: scheme, host, and every address the host resolves to now), at
 * every connection ({@link #resolve}, the DNS resolver of {@link GuardedHttpClient}: the addresses the socket then
 * uses are the ones checked, which defeats DNS rebinding) and at every redirect (followed by
 * {@link GuardedHttpClient}, never by the HTTP library, each hop checked like the first).
 */
public final class EgressGuard {

    private final boolean enabled;
    private final List<IPAddress> allowed;
    private final Set<IPAddress> own;

    /**
     * A guard.
     *
     * @param enabled    false: every address is allowed (the operator's switch)
     * @param allowCidrs CIDR blocks or addresses allowed even though special (e.g. an internal webhook receiver)
     * @throws IllegalArgumentException for an entry that is not a CIDR block or address
     */
    public EgressGuard(boolean enabled, List<String> allowCidrs) {
        this.enabled = enabled;
        List<IPAddress> blocks = new ArrayList<>();
        for (String cidr : allowCidrs) {
            if (cidr.isBlank()) {
                continue;
            }
            IPAddress a = new IPAddressString(cidr.trim()).getAddress();
            if (a == null) {
                throw new IllegalArgumentException("not a CIDR block or address in the egress allow-list: " + cidr);
            }
            blocks.add(a.toPrefixBlock());
        }
        this.allowed = List.copyOf(blocks);
        this.own = ownAddresses();
    }

    /** A guard that refuses every special-purpose address and allows nothing extra. */
    public static EgressGuard strict() {
        return new EgressGuard(true, List.of());
    }

    /**
     * Checks {@code url} when a tenant gives it: absolute, one of {@code schemes}, a host, no user information, an IP
     * literal host allowed, and, when {@code resolveNames}, every address a host name resolves to now allowed (a name
     * that does not resolve yet is left to the connection's check; callers on an event loop pass false and rely on
     * it).
     *
     * @return the URL
     * @throws EgressRefusedException naming what is wrong
     */
    public URI checkUrl(String url, Set<String> schemes, boolean resolveNames) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (Exception e) {
            throw new EgressRefusedException("the URL is not valid");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!schemes.contains(scheme)) {
            throw new EgressRefusedException("the URL's scheme must be one of " + schemes.stream().sorted().toList());
        }
        if (uri.getHost() == null || uri.getUserInfo() != null) {
            throw new EgressRefusedException("the URL must name a host and no user information");
        }
        String host = uri.getHost();
        boolean literal = host.startsWith("[") || new IPAddressString(host).isIPAddress();
        if (literal || resolveNames) {
            try {
                resolve(host);
            } catch (EgressRefusedException e) {
                if (literal || !e.getMessage().endsWith("does not resolve")) {
                    throw e;
                }
            }
        }
        return uri;
    }

    /**
     * The addresses of {@code host} (a name or an IPv4/IPv6 literal, brackets allowed), all of them allowed.
     *
     * @throws EgressRefusedException when it does not resolve or any address is refused
     */
    public InetAddress[] resolve(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] all;
        try {
            all = InetAddress.getAllByName(h);
        } catch (UnknownHostException e) {
            throw new EgressRefusedException("the host " + host + " does not resolve");
        }
        for (InetAddress a : all) {
            String reason = refusal(a);
            if (reason != null) {
                throw new EgressRefusedException("the host " + host + " resolves to " + a.getHostAddress() + " (" + reason
                        + "); connections to it are refused (vigil.egress.allow-cidrs allows chosen blocks)");
            }
        }
        return all;
    }

    /** Why {@code address} is refused, or {@code null} when it is allowed. */
    public String refusal(InetAddress address) {
        if (!enabled) {
            return null;
        }
        IPAddress ip = withoutZone(address);
        if (ip == null) {
            return "not an IP address";
        }
        for (IPAddress block : allowed) {
            if (block.getIPVersion() == ip.getIPVersion() && block.contains(ip)) {
                return null;
            }
        }
        if (own.contains(ip)) {
            return "an address of this machine";
        }
        SpecialPurposeRegistry.Block block = SpecialPurposeRegistry.find(ip);
        if (block != null) {
            return block.name() + ", " + block.prefix();
        }
        if (ip.isIPv6() && ip.toIPv6().isIPv4Mapped()) {
            return refusal(ip.toIPv6().getEmbeddedIPv4Address().toInetAddress());
        }
        return null;
    }

    private static IPAddress withoutZone(InetAddress a) {
        String text = a.getHostAddress();
        int zone = text.indexOf('%');
        IPAddress ip = new IPAddressString(zone >= 0 ? text.substring(0, zone) : text).getAddress();
        return ip == null ? null : ip.withoutPrefixLength();
    }

    /** Every address of this machine's network interfaces (without zone or prefix). */
    private static Set<IPAddress> ownAddresses() {
        Set<IPAddress> out = new HashSet<>();
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                    IPAddress ip = withoutZone(a);
                    if (ip != null) {
                        out.add(ip);
                    }
                }
            }
        } catch (SocketException | NullPointerException e) {
            // no interface list: the registries still hold loopback and the private ranges
        }
        return Set.copyOf(out);
    }
}
