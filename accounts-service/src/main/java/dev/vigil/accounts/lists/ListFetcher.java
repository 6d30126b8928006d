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
 */
@ApplicationScoped
public class ListFetcher {

    private final VigilConfig config;
    private final HttpClient client;

    public ListFetcher(VigilConfig config) {
        this.config = config;
        this.client = HttpClient.newBuilder().connectTimeout(config.lists().connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /**
     * Downloads {@code location}.
     *
     * @throws ListFetchException with a reason fit for the list's ERROR status (status code, timeout, too large)
     */
    public byte[] fetch(String location) {
        long cap = config.lists().maxFileBytes();
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(location)).timeout(config.lists().fetchTimeout()).GET().build();
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.statusCode() / 100 != 2) {
                    throw new ListFetchException("fetching the location failed with HTTP status " + response.statusCode());
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

    /** A failed fetch; the message is the reason reported on the list. */
    public static class ListFetchException extends RuntimeException {
        public ListFetchException(String message) {
            super(message, null, false, false);
        }
    }
}
