package dev.vigil.accounts.feeds;

import dev.vigil.accounts.config.VigilConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Conditional GET of a feed (RFC 9110 section 13: {@code If-None-Match} with the last {@code ETag},
 * {@code If-Modified-Since} with the last {@code Last-Modified}), so an unchanged feed costs a 304 and no transfer.
 * Redirects are followed by the HTTP client (operator URLs, so not behind the tenant egress guard); time limits and
 * the size cap: {@code vigil.egress.connect-timeout}, {@code vigil.lists.fetch-timeout} and {@code max-file-bytes}. Blocking: call it on a worker.
 */
@ApplicationScoped
public class FeedFetcher {

    /** What a fetch returned: {@code content} is {@code null} when the server answered 304 Not Modified. */
    public record Fetched(byte[] content, String etag, String lastModified) {
        /** Whether the feed is unchanged since the validators sent. */
        public boolean notModified() {
            return content == null;
        }
    }

    /** Why a fetch failed, in words fit for a health check (no stack trace, no internals). */
    public static final class FeedFetchException extends Exception {
        FeedFetchException(String message) {
            super(message);
        }
    }

    private final VigilConfig config;
    private final HttpClient client;

    /** A fetcher with the connect timeout of outbound calls ({@code vigil.egress.connect-timeout}). */
    public FeedFetcher(VigilConfig config,
            @ConfigProperty(name = "vigil.egress.connect-timeout", defaultValue = "5s") Duration connectTimeout) {
        this.config = config;
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /**
     * Fetches {@code url}, sending the validators of the last good copy when known ({@code null}: not sent).
     *
     * @throws FeedFetchException for a status other than 200 or 304, a timeout, an I/O error or a body over the cap
     */
    public Fetched fetch(String url, String etag, String lastModified) throws FeedFetchException {
        HttpRequest.Builder b;
        try {
            b = HttpRequest.newBuilder(URI.create(url)).timeout(config.lists().fetchTimeout()).GET();
        } catch (IllegalArgumentException e) {
            throw new FeedFetchException("the feed URL is not a valid http(s) URL");
        }
        if (etag != null) {
            b.header("If-None-Match", etag);
        }
        if (lastModified != null) {
            b.header("If-Modified-Since", lastModified);
        }
        try {
            HttpResponse<InputStream> r = client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                if (r.statusCode() == 304) {
                    return new Fetched(null, etag, lastModified);
                }
                if (r.statusCode() != 200) {
                    throw new FeedFetchException("the feed answered HTTP " + r.statusCode());
                }
                byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, config.lists().maxFileBytes() + 1));
                if (body.length > config.lists().maxFileBytes()) {
                    throw new FeedFetchException("the feed is larger than " + config.lists().maxFileBytes() + " bytes");
                }
                return new Fetched(body, r.headers().firstValue("etag").orElse(null),
                        r.headers().firstValue("last-modified").orElse(null));
            }
        } catch (HttpTimeoutException e) {
            throw new FeedFetchException("the feed did not answer within " + config.lists().fetchTimeout().toSeconds() + " s");
        } catch (IOException e) {
            throw new FeedFetchException("the feed could not be read (connection failed or closed)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FeedFetchException("interrupted");
        }
    }
}
