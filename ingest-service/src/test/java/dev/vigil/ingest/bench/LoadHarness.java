package dev.vigil.ingest.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

/**
 * HTTP load harness for a running ingest-service (real broker behind it): posts {@code requests} bodies of
 * {@code records} synthetic records each, {@code concurrency} at a time, and prints accepted records per second
 * (a 200 means every record was acknowledged by Kafka). Not a test. Usage (see BENCHMARKS.md):
 *
 * <pre>
 * java -cp ... dev.vigil.ingest.bench.LoadHarness url=http://127.0.0.1:8081 token=$(./vigil token ingest-111) \
 *     account=111111111111 source=flow records=10000 requests=200 concurrency=4 gzip=false http=1.1
 * </pre>
 *
 * <p>{@code warmup} requests (default 10) go first, one at a time, and are not measured. {@code http=1.1} (the
 * default, like a log shipper's client) or {@code http=2} (cleartext upgrade).
 */
public final class LoadHarness {

    private LoadHarness() {
    }

    /** Runs the harness; arguments are {@code key=value}. */
    public static void main(String[] args) throws Exception {
        java.util.Map<String, String> a = new java.util.HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq > 0) {
                a.put(arg.substring(0, eq), arg.substring(eq + 1));
            }
        }
        String url = a.getOrDefault("url", "http://127.0.0.1:8081");
        String token = a.getOrDefault("token", System.getenv("VIGIL_TOKEN"));
        String account = a.getOrDefault("account", "111111111111");
        String source = a.getOrDefault("source", "flow");
        int records = Integer.parseInt(a.getOrDefault("records", "10000"));
        int requests = Integer.parseInt(a.getOrDefault("requests", "100"));
        int concurrency = Integer.parseInt(a.getOrDefault("concurrency", "4"));
        boolean gzip = Boolean.parseBoolean(a.getOrDefault("gzip", "false"));
        String region = a.getOrDefault("region", "us-east-1");
        int warmup = Integer.parseInt(a.getOrDefault("warmup", "10"));

        String path;
        String body;
        switch (source) {
            case "flow" -> {
                path = "/ingest/v1/flow-logs?region=" + region;
                body = BenchBodies.flowV2(account, records, System.currentTimeMillis() / 1000 - 7200);
            }
            case "dns" -> {
                path = "/ingest/v1/dns-logs?region=" + region;
                body = BenchBodies.dns(account, records);
            }
            case "cloudtrail" -> {
                path = "/ingest/v1/cloudtrail?region=" + region;
                body = BenchBodies.cloudTrail(account, records);
            }
            default -> throw new IllegalArgumentException("source must be flow, dns or cloudtrail");
        }
        byte[] payload = body.getBytes(StandardCharsets.UTF_8);
        if (gzip) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                gz.write(payload);
            }
            payload = out.toByteArray();
        }
        System.out.printf("%s: %d requests x %d records (%d bytes%s), concurrency %d%n", source, requests, records,
                payload.length, gzip ? " gzip" : "", concurrency);

        HttpClient.Version version = "2".equals(a.getOrDefault("http", "1.1"))
                ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1;
        HttpClient client = HttpClient.newBuilder().version(version).connectTimeout(Duration.ofSeconds(10)).build();
        byte[] finalPayload = payload;
        HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(120))
                .header("Content-Type", gzip ? "application/gzip" : "text/plain")
                .POST(HttpRequest.BodyPublishers.ofByteArray(finalPayload));
        if (token != null) {
            rb.header("Authorization", "Bearer " + token.trim());
        }
        HttpRequest request = rb.build();
        // warm-up: the first request must be accepted; then warmup-1 more, sequentially, not measured (JIT)
        HttpResponse<String> first = client.send(request, HttpResponse.BodyHandlers.ofString());
        System.out.println("warm-up: HTTP " + first.statusCode() + " " + abbreviate(first.body()));
        if (first.statusCode() != 200 || first.body().startsWith("{\"accepted\":0,")) {
            System.err.println("the warm-up request must be accepted (does the account have a detector in " + region + "?)");
            System.exit(1);
        }
        for (int i = 1; i < warmup; i++) {
            client.send(request, HttpResponse.BodyHandlers.discarding());
        }
        AtomicLong accepted = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        Pattern acc = Pattern.compile("\"accepted\":(\\d+)");
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long t0 = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            futures.add(pool.submit(() -> {
                try {
                    HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
                    Matcher m = acc.matcher(r.body());
                    if (r.statusCode() == 200 && m.find()) {
                        accepted.addAndGet(Long.parseLong(m.group(1)));
                    } else {
                        failed.incrementAndGet();
                    }
                } catch (IOException | InterruptedException e) {
                    failed.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        System.out.printf("accepted %d records in %.2f s: %.0f records/s, %.1f MB/s of body; failed requests %d%n",
                accepted.get(), secs, accepted.get() / secs, (double) finalPayload.length * requests / secs / 1e6,
                failed.get());
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
