package dev.vigil.accounts.lists;

import dev.vigil.accounts.config.VigilConfig;
import dev.vigil.egress.EgressRefusedException;
import dev.vigil.egress.GuardedHttpClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.Set;

/**
 * Fetches a list file from an {@code http(s)://} location through the service's {@link GuardedHttpClient} (module
 * {@code egress}): the egress guard checks the location's host when the list is created or updated
 * ({@link #checkLocation}), at every connection (the addresses the connection uses) and at every redirect (at most
 * {@value #MAX_REDIRECTS}); the operator's {@code vigil.egress.*} settings open chosen blocks. The whole fetch, all
 * hops included, ends within {@code vigil.lists.fetch-timeout}; the file is capped at {@code vigil.lists.max-file-bytes}.
 * Blocking: call it on a worker thread.
 */
@ApplicationScoped
public class ListFetcher {

    /** Redirects followed per fetch. */
    static final int MAX_REDIRECTS = 3;
    private static final Set<String> SCHEMES = Set.of("http", "https");

    private final VigilConfig config;
    private final GuardedHttpClient http;

    public ListFetcher(VigilConfig config, GuardedHttpClient http) {
        this.config = config;
        this.http = http;
    }

    /**
     * Checks a location when a tenant gives it, without a DNS lookup (callers run on the event loop): an IP literal
     * host must be allowed by the egress guard; a host name is checked at the connection.
     *
     * @return the guard's refusal, or {@code null}
     */
    public String checkLocation(String location) {
        try {
            http.guard().checkUrl(location, SCHEMES, false);
            return null;
        } catch (EgressRefusedException e) {
            return e.getMessage();
        }
    }

    /**
     * Downloads {@code location}.
     *
     * @throws ListFetchException with a reason fit for the list's ERROR status (refused host, status code, timeout,
     *         too large), never a Java type
     */
    public byte[] fetch(String location) {
        try {
            URI uri = http.guard().checkUrl(location, SCHEMES, true);
            GuardedHttpClient.Result r = http.get(uri, MAX_REDIRECTS, config.lists().maxFileBytes(),
                    config.lists().fetchTimeout());
            if (r.status() / 100 != 2) {
                throw new ListFetchException("fetching the location failed with HTTP status " + r.status());
            }
            return r.body();
        } catch (EgressRefusedException e) {
            throw new ListFetchException("fetching the location failed: " + e.getMessage());
        }
    }

    /** A failed fetch; the message is the reason reported on the list. */
    public static class ListFetchException extends RuntimeException {
        public ListFetchException(String message) {
            super(message, null, false, false);
        }
    }
}
