package dev.vigil.egress;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * The HTTP client for tenant-supplied URLs (Apache HttpClient 5, classic). Its DNS resolver is the
 * {@link EgressGuard}: every connection, to the first host and to each redirect's, goes only to addresses the guard
 * allowed in that same resolution. Redirects are followed here, at most as many as the caller allows, each one
 * checked. Every exchange has an overall deadline (a request is aborted when it passes) besides the connect and read
 * timeouts. Failure messages are fit for a tenant: status codes, "timed out", the guard's refusal, never a Java type.
 */
public final class GuardedHttpClient implements Closeable {

    /** The result of one exchange: the final status and (for {@link #get}) the body. */
    public record Result(int status, byte[] body) {
    }

    private final EgressGuard guard;
    private final CloseableHttpClient client;
    private final ScheduledExecutorService deadlines;

    /** A client whose connections {@code guard} checks, with {@code connectTimeout} per connection. */
    public GuardedHttpClient(EgressGuard guard, Duration connectTimeout) {
        this.guard = guard;
        DnsResolver resolver = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                return guard.resolve(host);
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
        Timeout connect = Timeout.ofMilliseconds(connectTimeout.toMillis());
        this.client = HttpClients.custom().disableRedirectHandling().disableAutomaticRetries().disableCookieManagement()
                .useSystemProperties().setProxy(null)
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create().setDnsResolver(resolver)
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(connect)
                                .setSocketTimeout(connect).build())
                        .setMaxConnTotal(50).setMaxConnPerRoute(5).build())
                .build();
        this.deadlines = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "egress-deadlines");
            t.setDaemon(true);
            return t;
        });
    }

    /** The guard. */
    public EgressGuard guard() {
        return guard;
    }

    /**
     * GET {@code uri}, following at most {@code maxRedirects} redirects, reading at most {@code maxBytes} bytes, all
     * within {@code deadline}.
     *
     * @throws EgressRefusedException for a refused host, a failure (message for the tenant) or a body over the cap
     */
    public Result get(URI uri, int maxRedirects, long maxBytes, Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        for (int hop = 0; ; hop++) {
            HttpGet get = new HttpGet(uri);
            Exchange x = exchange(get, end, maxBytes);
            if (x.status / 100 == 3 && x.location != null) {
                if (hop >= maxRedirects) {
                    throw new EgressRefusedException("the location redirects more than " + maxRedirects + " times");
                }
                uri = uri.resolve(x.location);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
                if (!scheme.equals("http") && !scheme.equals("https")) {
                    throw new EgressRefusedException("a redirect leads to a URL that is not http(s)");
                }
                continue;
            }
            return new Result(x.status, x.body);
        }
    }

    /**
     * POST {@code body} (JSON) with {@code headers} to {@code uri}; redirects are not followed (a 3xx is the answer).
     *
     * @return the status
     * @throws EgressRefusedException for a refused host or a failure (message for the tenant)
     */
    public int postJson(URI uri, Map<String, String> headers, String body, Duration deadline) {
        HttpPost post = new HttpPost(uri);
        headers.forEach(post::setHeader);
        post.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
        return exchange(post, System.nanoTime() + deadline.toNanos(), 0).status;
    }

    private record Exchange(int status, String location, byte[] body) {
    }

    private Exchange exchange(HttpUriRequestBase request, long endNanos, long maxBytes) {
        long left = endNanos - System.nanoTime();
        if (left <= 0) {
            throw new EgressRefusedException("the request timed out");
        }
        request.setConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofMilliseconds(Math.max(1, left / 1_000_000)))
                .build());
        ScheduledFuture<?> abort = deadlines.schedule(request::cancel, left, TimeUnit.NANOSECONDS);
        try {
            return client.execute(request, response -> {
                Header location = response.getFirstHeader("Location");
                byte[] body = new byte[0];
                if (maxBytes > 0 && response.getEntity() != null && response.getCode() / 100 == 2) {
                    body = read(response.getEntity().getContent(), maxBytes);
                }
                return new Exchange(response.getCode(), location == null ? null : location.getValue(), body);
            });
        } catch (EgressRefusedException e) {
            throw e;
        } catch (java.net.SocketTimeoutException e) {
            throw new EgressRefusedException("the request timed out");
        } catch (IOException e) {
            if (request.isCancelled()) {
                throw new EgressRefusedException("the request timed out");
            }
            throw new EgressRefusedException("the connection failed");
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new EgressRefusedException("the URL is not valid");
        } finally {
            abort.cancel(false);
        }
    }

    private static byte[] read(InputStream in, long maxBytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        int n;
        while ((n = in.read(buf)) > 0) {
            out.write(buf, 0, n);
            if (out.size() > maxBytes) {
                throw new EgressRefusedException("the file is larger than " + maxBytes + " bytes");
            }
        }
        return out.toByteArray();
    }

    @Override
    public void close() throws IOException {
        deadlines.shutdownNow();
        client.close();
    }
}
