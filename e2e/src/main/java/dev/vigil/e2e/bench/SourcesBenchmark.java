package dev.vigil.e2e.bench;

import dev.vigil.e2e.DemoIdentities;
import dev.vigil.e2e.LocalStack;
import dev.vigil.e2e.cli.Connection;
import dev.vigil.e2e.client.ApiClient;
import dev.vigil.e2e.client.GuardDutyApi;
import dev.vigil.e2e.sources.FirehoseSender;
import dev.vigil.e2e.sources.LogSourceApi;
import dev.vigil.e2e.sources.S3Drop;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The log source benchmarks of issue 15 on a running stack ({@code ./vigil up}), for account 333333333333 (which the
 * demo's scenarios do not use), run by {@code ingest-service/bench/sources.sh}:
 * <ul>
 * <li><b>S3 + SQS path</b>: {@code objects} gzip objects of default-format flow logs, each about {@code mb} MB before
 * compression (~100 B a record), are put in the stack's S3 server first; then their S3 notifications go to the
 * source's queue at once, and the time runs until the queue is empty (every message is deleted only after Kafka
 * acknowledged every record of its object). One {@code S3_SQS} source: one reader thread.</li>
 * <li><b>HTTP path</b>, alternating with it: the same objects posted one after the other by one client to
 * {@code POST /ingest/v1/flow-logs} ({@code Content-Encoding: gzip}, a 200 after Kafka acknowledged every record), as
 * the collector.</li>
 * <li><b>Firehose path</b>: {@code requests} requests of 1 MiB of record data (flow log lines, one per record, the
 * default format without a header) to a {@code FIREHOSE} source, one after the other; the time from sending each to its
 * 200, as percentiles.</li>
 * </ul>
 * Arguments: {@code [objects] [mb] [rounds] [requests]} (defaults 6, 10, 2, 100).
 */
public final class SourcesBenchmark {
    private static final String ACCOUNT = DemoIdentities.OTHER_ACCOUNT;
    private static final String REGION = "us-east-1";
    private static final String HEADER = "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets"
        + " bytes start end action log-status";

    private SourcesBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int objects = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        int mb = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int requests = args.length > 3 ? Integer.parseInt(args[3]) : 100;
        Connection conn = picocli.CommandLine.populateCommand(new Connection()); // its options at their defaults
        var admin = conn.user(DemoIdentities.ADMIN_333, DemoIdentities.password());
        ApiClient accounts = conn.accounts(admin);
        String detector = new GuardDutyApi(accounts, conn.findings(admin)).ensureDetector();
        LogSourceApi sources = new LogSourceApi(accounts, detector);
        String access = LocalStack.env("VIGIL_S3_ACCESS_KEY", "VIGILLOCALS3ACCESSKEY");
        String secret = LocalStack.env("VIGIL_S3_SECRET_KEY", "");
        ApiClient ingest = conn.ingest(conn.client(DemoIdentities.COLLECTOR, DemoIdentities.collectorSecret()));

        try (S3Drop drop = new S3Drop(LocalStack.url("s3"), LocalStack.url("sqs"), access, secret, REGION)) {
            String bucket = "vigil-bench-" + ACCOUNT;
            drop.ensureBucket(bucket);
            String queue = drop.ensureQueue("vigil-bench-" + ACCOUNT);
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("name", "bench-s3-sqs");
            s.put("kind", "S3_SQS");
            s.put("logType", "FLOW");
            s.put("region", REGION);
            s.put("queueUrl", queue);
            s.put("bucket", bucket);
            s.put("endpoint", LocalStack.url("s3"));
            s.put("credentials", Map.of("accessKeyId", access, "secretAccessKey", secret));
            s.put("status", "ENABLED");
            sources.ensure(s);
            Thread.sleep(5000); // ingest reads the new source (reconciled every 2 s)
            for (int round = 1; round <= rounds; round++) {
                List<byte[]> bodies = new ArrayList<>();
                long records = 0;
                for (int i = 0; i < objects; i++) {
                    List<String> lines = lines(round * 1000 + i, mb * 10_000);
                    records += lines.size();
                    bodies.add(S3Drop.gzip(HEADER + "\n" + String.join("\n", lines) + "\n"));
                }
                List<String[]> put = new ArrayList<>();
                for (int i = 0; i < objects; i++) {
                    String key = "AWSLogs/" + ACCOUNT + "/vpcflowlogs/" + REGION + "/bench/" + UUID.randomUUID() + ".log.gz";
                    put.add(new String[] {key, drop.put(bucket, key, bodies.get(i), null), String.valueOf(bodies.get(i).length)});
                }
                long t0 = System.nanoTime();
                for (String[] p : put) {
                    drop.notify(queue, bucket, p[0], Long.parseLong(p[2]), p[1]);
                }
                while (drop.pending(queue) > 0) {
                    Thread.sleep(100);
                }
                double s3s = (System.nanoTime() - t0) / 1e9;
                long t1 = System.nanoTime();
                for (byte[] b : bodies) {
                    ingest.send("POST", "/ingest/v1/flow-logs?region=" + REGION, b, "text/plain", Map.of("Content-Encoding", "gzip"));
                }
                double https = (System.nanoTime() - t1) / 1e9;
                System.out.printf(Locale.ROOT, "round %d: %d objects, %d records (%.1f MB gzip): S3+SQS %.1f s = %,.0f records/s;"
                    + " HTTP %.1f s = %,.0f records/s; ratio %.2f%n", round, objects, records,
                    bodies.stream().mapToLong(b -> b.length).sum() / 1e6, s3s, records / s3s, https, records / https, https / s3s);
            }
        }

        LogSourceApi.Source fh = sources.ensure(Map.of("name", "bench-firehose", "kind", "FIREHOSE", "logType", "FLOW",
            "region", REGION, "status", "ENABLED"));
        FirehoseSender sender = new FirehoseSender(conn.http(), conn.ingestUrl(), fh.logSourceId(), fh.firehoseAccessKey());
        List<String> batch = new ArrayList<>();
        int bytes = 0;
        for (String l : lines(7, 20_000)) {
            if (bytes + l.length() + 1 > FirehoseSender.MAX_BYTES) {
                break;
            }
            batch.add(l);
            bytes += l.length() + 1;
        }
        while (!sender.postOnce(UUID.randomUUID().toString(), batch.subList(0, 1)).ok()) {
            Thread.sleep(1000); // until ingest read the new key
        }
        long[] ms = new long[requests];
        for (int i = 0; i < requests; i++) {
            long t = System.nanoTime();
            FirehoseSender.Answer a = sender.postOnce(UUID.randomUUID().toString(), batch);
            ms[i] = (System.nanoTime() - t) / 1_000_000;
            if (!a.ok()) {
                throw new IllegalStateException("Firehose request " + i + " answered " + a.status() + " " + a.body());
            }
        }
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "Firehose: %d requests of %d records (%.2f MB of data): p50 %d ms, p90 %d ms, p99 %d ms,"
            + " max %d ms%n", requests, batch.size(), bytes / 1e6, pct(ms, 50), pct(ms, 90), pct(ms, 99), ms[ms.length - 1]);
    }

    private static long pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    /** {@code n} default-format flow log lines of account 333333333333, recent, varied by {@code seed}. */
    private static List<String> lines(int seed, int n) {
        List<String> out = new ArrayList<>(n);
        long now = Instant.now().getEpochSecond() - 300;
        for (int i = 0; i < n; i++) {
            out.add("2 " + ACCOUNT + " eni-0bench" + String.format("%08x", seed) + " 10.40." + (i % 200) + "." + (i % 250 + 1)
                + " 52.94." + (i % 256) + "." + (seed % 250 + 1) + " " + (32768 + i % 28000) + " 443 6 " + (i % 90 + 10) + " "
                + (i % 90_000 + 1000) + " " + (now - i % 600) + " " + (now - i % 600 + 60) + " ACCEPT OK");
        }
        return out;
    }
}
