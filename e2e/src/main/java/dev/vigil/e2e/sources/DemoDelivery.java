package dev.vigil.e2e.sources;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.e2e.ingest.LogType;
import dev.vigil.e2e.ingest.Table;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Delivers a simulator run's files of several tenants as AWS would: each tenant gets three log sources through the
 * API (flow logs and CloudTrail {@code S3_SQS}, each from its own queue and prefix of the tenant's bucket; DNS query
 * logs {@code FIREHOSE}); flow and CloudTrail files become gzip objects under their AWS key (the simulator writes
 * AWS's layout, {@code AWSLogs/{account}/vpcflowlogs|CloudTrail/{region}/{yyyy}/{mm}/{dd}/...}) with S3's
 * notification sent to the queue, DNS files go line by line as Firehose records. Running it again on the same stack
 * reuses the sources (by name), bucket and queues; identical objects and Firehose request IDs count once.
 */
public final class DemoDelivery {
    /** Source names, the same on every run. */
    static final String FLOW = "vigil-demo-flow-logs";
    static final String CLOUDTRAIL = "vigil-demo-cloudtrail";
    static final String DNS = "vigil-demo-dns-firehose";

    /**
     * Where the logs go.
     *
     * @param s3Endpoint  the stack's S3-compatible server, as ingest-service reaches it
     * @param sqsEndpoint the stack's SQS-compatible server
     * @param ingestUrl   ingest-service (Firehose endpoint)
     */
    public record Target(String s3Endpoint, String sqsEndpoint, String accessKey, String secretKey, String region,
                         String ingestUrl) {
    }

    /** One tenant: its account and its log source API (as its administrator). */
    public record Tenant(String account, LogSourceApi api) {
    }

    /** The outcome: objects put, Firehose requests answered 200, and failures (one line each). */
    public record Result(int objects, int firehoseRequests, int firehoseRecords, List<String> failures) {
    }

    private final Target target;
    private final HttpClient http;
    private final S3Drop drop;
    private final Map<String, Tenant> tenants = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> sourceIds = new LinkedHashMap<>();
    private final Map<String, String> queues = new LinkedHashMap<>();
    private final Map<String, FirehoseSender> firehose = new LinkedHashMap<>();
    /** {@link #objectsCounted()} after {@link #setUp()}. */
    private long counted;

    public DemoDelivery(Target target, HttpClient http, List<Tenant> tenants) {
        this.target = target;
        this.http = http;
        this.drop = new S3Drop(target.s3Endpoint(), target.sqsEndpoint(), target.accessKey(), target.secretKey(),
            target.region());
        tenants.forEach(t -> this.tenants.put(t.account(), t));
    }

    /** The bucket of {@code account}'s logs. */
    static String bucket(String account) {
        return "vigil-demo-logs-" + account;
    }

    /** Creates (or finds) each tenant's bucket, queues and three log sources. */
    public void setUp() {
        for (Tenant t : tenants.values()) {
            String bucket = bucket(t.account());
            drop.ensureBucket(bucket);
            Map<String, String> ids = new LinkedHashMap<>();
            for (String[] s : new String[][] {{FLOW, "FLOW", "vpcflowlogs"}, {CLOUDTRAIL, "CLOUDTRAIL", "CloudTrail"}}) {
                String queue = drop.ensureQueue("vigil-demo-" + t.account() + "-" + s[2].toLowerCase(java.util.Locale.ROOT));
                queues.put(t.account() + "/" + s[1], queue);
                Map<String, Object> settings = new LinkedHashMap<>();
                settings.put("name", s[0]);
                settings.put("kind", "S3_SQS");
                settings.put("logType", s[1]);
                settings.put("region", target.region());
                settings.put("queueUrl", queue);
                settings.put("bucket", bucket);
                settings.put("prefix", "AWSLogs/" + t.account() + "/" + s[2] + "/");
                settings.put("endpoint", target.s3Endpoint());
                settings.put("credentials", Map.of("accessKeyId", target.accessKey(), "secretAccessKey", target.secretKey()));
                settings.put("status", "ENABLED");
                ids.put(s[0], t.api().ensure(settings).logSourceId());
            }
            LogSourceApi.Source dns = t.api().ensure(Map.of("name", DNS, "kind", "FIREHOSE", "logType", "DNS",
                "region", target.region(), "status", "ENABLED"));
            ids.put(DNS, dns.logSourceId());
            firehose.put(t.account(), new FirehoseSender(http, target.ingestUrl(), dns.logSourceId(), dns.firehoseAccessKey()));
            sourceIds.put(t.account(), ids);
        }
        counted = objectsCounted();
    }

    /** The account of a simulator file ({@code AWSLogs/{account}/...}), or null. */
    static String account(String rel) {
        String[] parts = rel.split("/");
        return parts.length > 2 && parts[0].equals("AWSLogs") ? parts[1] : null;
    }

    /**
     * Delivers {@code files} (relative to {@code dir}, in order): S3 objects with notifications, or Firehose requests.
     * A file of an account without a tenant here, or of no known kind, is a failure.
     */
    public Result deliver(Path dir, List<String> files) throws IOException, InterruptedException {
        int objects = 0;
        int requests = 0;
        int records = 0;
        List<String> failures = new ArrayList<>();
        for (String rel : files) {
            String account = account(rel);
            if (account == null || !tenants.containsKey(account)) {
                failures.add(rel + ": no tenant for account " + account);
                continue;
            }
            byte[] raw = Files.readAllBytes(dir.resolve(rel));
            if (rel.contains("/vpcdnsquerylogs/")) {
                String text = new String(LogType.isGzip(raw) ? LogType.readDecompressed(dir.resolve(rel)) : raw,
                    StandardCharsets.UTF_8);
                List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
                for (FirehoseSender.Answer a : firehose.get(account).send(rel, lines)) {
                    if (a.ok()) {
                        requests++;
                    } else {
                        failures.add(rel + ": Firehose delivery answered " + a.status() + " " + a.body());
                    }
                }
                records += lines.size();
                continue;
            }
            String type = rel.contains("/vpcflowlogs/") ? "FLOW" : rel.contains("/CloudTrail/") ? "CLOUDTRAIL" : null;
            if (type == null) {
                failures.add(rel + ": neither flow logs, CloudTrail nor DNS query logs");
                continue;
            }
            drop.put(bucket(account), rel, raw, queues.get(account + "/" + type)); // as written: gzip under .gz keys
            objects++;
        }
        return new Result(objects, requests, records, failures);
    }

    /**
     * Waits until every queue is empty (every notification read and deleted by the reader), then until the sources'
     * statuses (published every few seconds) count the {@code objects} put since {@link #setUp}; at most
     * {@code timeoutSeconds} in all.
     *
     * @return the messages still pending (0 when drained)
     */
    public long awaitRead(int objects, int timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        long pending;
        while ((pending = queues.values().stream().mapToLong(drop::pending).sum()) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(1000);
        }
        long statusDeadline = Math.min(deadline, System.nanoTime() + 30_000_000_000L);
        while (objectsCounted() - counted < objects && System.nanoTime() < statusDeadline) {
            Thread.sleep(1000);
        }
        return pending;
    }

    /** Objects read, skipped or dead-lettered by the tenants' S3 sources, as their statuses say. */
    private long objectsCounted() {
        long n = 0;
        for (Map.Entry<String, Map<String, String>> e : sourceIds.entrySet()) {
            for (Map.Entry<String, String> s : e.getValue().entrySet()) {
                if (!s.getKey().equals(DNS)) {
                    JsonNode d = tenants.get(e.getKey()).api().get(s.getValue()).path("statusDetails");
                    n += d.path("objectsRead").asLong() + d.path("objectsSkipped").asLong() + d.path("deadLettered").asLong()
                        + d.path("errors").size();
                }
            }
        }
        return n;
    }

    /** Each source's status (GetLogSource's {@code statusDetails}): objects, records, last object, errors. */
    public Table statusTable() {
        Table t = new Table("account", "source", "kind", "objects", "records", "skipped", "dead", "errors", "last object / first error")
            .right(3, 4, 5, 6, 7).cap(8, 110);
        for (Map.Entry<String, Map<String, String>> e : sourceIds.entrySet()) {
            LogSourceApi api = tenants.get(e.getKey()).api();
            for (Map.Entry<String, String> s : e.getValue().entrySet()) {
                JsonNode src = api.get(s.getValue());
                JsonNode d = src.path("statusDetails");
                JsonNode errors = d.path("errors");
                String note = errors.isArray() && !errors.isEmpty()
                    ? errors.get(0).path("object").asText("") + ": " + errors.get(0).path("reason").asText("")
                    : d.path("lastObject").asText("");
                t.row(e.getKey(), s.getKey(), src.path("kind").asText(), d.path("objectsRead").asLong(),
                    d.path("recordsRead").asLong(), d.path("objectsSkipped").asLong(), d.path("deadLettered").asLong(),
                    errors.size(), note);
            }
        }
        return t;
    }

    /** Closes the S3 and SQS clients. */
    public void close() {
        drop.close();
    }
}
