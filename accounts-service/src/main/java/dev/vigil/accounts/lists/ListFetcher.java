package dev.vigil.accounts.lists;

import dev.vigil.accounts.config.VigilConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Fetches a list file from an {@code http(s)://} location with a connect timeout, a whole-request timeout and a size
 * cap ({@code vigil.lists.*}). Blocking: call it on a worker thread.
 *
 * <p>Server-side request forgery guard: unless {@code vigil.lists.allow-private-addresses} is on, every host of the
 * location and of each redirect (at most {@value #MAX_REDIRECTS}, followed here, not by the HTTP client) must resolve
 * only to public addresses ({@link #requirePublic(String)}). A host name that resolves differently between the check
 * and the connection (DNS rebinding) is not covered; a network policy that denies egress to internal ranges is the
 * second line (k8s/components/network-policies).
 */
@ApplicationScoped
public class ListFetcher {

    private final VigilConfig config;
    private final HttpClient client;

    public ListFetcher(VigilConfig config) {
        this.config = config;
        this.client = HttpClient.newBuilder().connectTimeout(config.lists().connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * Downloads {@code location}.
     *
     * @throws ListFetchException with a reason fit for the list's ERROR status (status code, timeout, too large)
     */
    public byte[] fetch(String location) {
        long cap = config.lists().maxFileBytes();
        try {
            URI uri = URI.create(location);
            for (int hop = 0; ; hop++) {
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
                if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                    throw new ListFetchException("the location is not an http(s) URL");
                }
                if (!config.lists().allowPrivateAddresses()) {
                    requirePublic(uri.getHost());
                }
                HttpRequest request = HttpRequest.newBuilder(uri).timeout(config.lists().fetchTimeout()).GET().build();
                HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream in = response.body()) {
                    int status = response.statusCode();
                    if (status / 100 == 3 && response.headers().firstValue("location").isPresent()) {
                        if (hop >= MAX_REDIRECTS) {
                            throw new ListFetchException("the location redirects more than " + MAX_REDIRECTS + " times");
                        }
                        uri = uri.resolve(response.headers().firstValue("location").get());
                        continue;
                    }
                    if (status / 100 != 2) {
                        throw new ListFetchException("fetching the location failed with HTTP status " + status);
                    }
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    byte[] buf = new byte[65536];
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        out.write(buf, 0, n);
                        if (out.size() > cap) {
                            throw new ListFetchException("the file is larger than " + cap + " bytes");
                        }
                    }
                    return out.toByteArray();
                }
            }
        } catch (java.net.http.HttpTimeoutException e) {
            throw new ListFetchException("fetching the location timed out");
        } catch (IOException e) {
            throw new ListFetchException("fetching the location failed: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ListFetchException("fetching the location was interrupted");
        } catch (IllegalArgumentException e) {
            throw new ListFetchException("the location is not a valid URL");
        }
    }

    /** Redirects followed per fetch. */
    static final int MAX_REDIRECTS = 3;

    /**
     * Checks that {@code host} (a name or an IPv4/IPv6 literal) resolves only to public unicast addresses.
     *
     * @throws ListFetchException naming the reason when it does not resolve, or resolves to a loopback, private
     *                            (RFC 1918), shared (RFC 6598), link-local, unique-local (RFC 4193), multicast or
     *                            unspecified address
     */
    static void requirePublic(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        java.net.InetAddress[] all;
        try {
            all = java.net.InetAddress.getAllByName(h);
        } catch (java.net.UnknownHostException e) {
            throw new ListFetchException("the location's host does not resolve");
        }
        for (java.net.InetAddress a : all) {
            inet.ipaddr.IPAddress ip = new inet.ipaddr.IPAddressString(a.getHostAddress()).getAddress();
            if (ip == null || a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress()
                    || a.isSiteLocalAddress() || a.isMulticastAddress() || ip.isLocal()
                    || ip.isIPv4() && SHARED.contains(ip)
                    || ip.isIPv6() && (ip.toIPv6().isUniqueLocal() || ip.toIPv6().isIPv4Mapped()
                            && !isPublicV4(ip.toIPv6().getEmbeddedIPv4Address()))) {
                throw new ListFetchException("the location's host resolves to a non-public address (" + a.getHostAddress()
                        + "); fetching from internal addresses is off (vigil.lists.allow-private-addresses)");
            }
        }
    }

    private static final inet.ipaddr.IPAddress SHARED = new inet.ipaddr.IPAddressString("100.64.0.0/10").getAddress();

    private static boolean isPublicV4(inet.ipaddr.ipv4.IPv4Address v4) {
        return !(v4.isLocal() || v4.isLoopback() || v4.isLinkLocal() || v4.isMulticast() || v4.isAnyLocal()
                || v4.isPrivate() || SHARED.contains(v4));
    }

    /** A failed fetch; the message is the reason reported on the list. */
    public static class ListFetchException extends RuntimeException {
        public ListFetchException(String message) {
            super(message, null, false, false);
        }
    }
}
