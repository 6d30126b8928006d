package dev.vigil.findings.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.egress.EgressRefusedException;
import dev.vigil.egress.GuardedHttpClient;
import dev.vigil.events.FindingEvent;
import dev.vigil.events.Json;
import dev.vigil.findings.config.VigilConfig;
import dev.vigil.findings.repository.AccountRepository;
import dev.vigil.findings.repository.Db;
import dev.vigil.findings.repository.FindingFields;
import dev.vigil.web.GuardDutyException;
import dev.vigil.web.tags.Tags;
import io.quarkus.logging.Log;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * Publishing destinations (CreatePublishingDestination, Describe, Update, Delete, List) and delivery of finding
 * events to them. Type {@code S3} ({@code destinationArn} {@code arn:aws:s3:::bucket[/prefix]}) writes one JSON
 * object per event through the AWS SDK S3 client to {@code vigil.export.s3-endpoint} (any S3-compatible server);
 * Vigil's extension type {@code WEBHOOK} ({@code destinationArn} an HTTPS URL, {@code kmsKeyArn} the shared HMAC
 * secret, never echoed back) POSTs the event with header {@code X-Vigil-Signature: sha256=<hex HMAC-SHA256 of the
 * body>}, retries with exponential backoff and records a dead letter ({@code webhook_dead_letter}) after the last
 * failure. Events of a member's findings also go to its administrator's destinations.
 */
@ApplicationScoped
public class DestinationService {

    /** DestinationService per account and region (GuardDuty allows one per detector; Vigil allows a few). */
    public static final int MAX_DESTINATIONS = 5;
    /** Header carrying the webhook signature. */
    public static final String SIGNATURE_HEADER = "X-Vigil-Signature";
    private static final Set<String> TYPES = Set.of("S3", "WEBHOOK");
    private static final String HIDDEN_SECRET = "********";
    /** Deadline of one webhook delivery attempt. */
    private static final Duration WEBHOOK_DEADLINE = Duration.ofSeconds(10);

    private final Db db;
    private final VigilConfig config;
    private final GuardedHttpClient http;
    private volatile S3Client s3;

    public DestinationService(Db db, VigilConfig config, GuardedHttpClient http) {
        this.db = db;
        this.config = config;
        this.http = http;
    }

    @PreDestroy
    void close() {
        if (s3 != null) {
            s3.close();
        }
    }

    private void validate(String type, String arn, String secret) {
        if (arn == null || arn.isBlank()) {
            throw GuardDutyException.badRequest("The request is rejected because destinationProperties.destinationArn is required.");
        }
        if (type.equals("S3") && !arn.matches("arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/.*)?")) {
            throw GuardDutyException.badRequest("The request is rejected because destinationArn is not an S3 bucket ARN.");
        }
        if (type.equals("WEBHOOK")) {
            // the egress guard (module egress) now; the connection of every delivery checks again
            try {
                http.guard().checkUrl(arn, config.export().webhookAllowHttp() ? Set.of("https", "http") : Set.of("https"), true);
            } catch (EgressRefusedException e) {
                throw GuardDutyException.badRequest("The request is rejected because the WEBHOOK destinationArn is refused: "
                        + e.getMessage() + ".");
            }
            if (secret == null || secret.length() < 16) {
                throw GuardDutyException.badRequest("The request is rejected because a WEBHOOK needs kmsKeyArn: the HMAC "
                        + "secret, at least 16 characters.");
            }
        }
    }

    /** CreatePublishingDestination: {@code {"destinationId": ...}}. */
    public ObjectNode create(String account, String region, String detectorId, JsonNode body) {
        String type = Requests.oneOf(body, "destinationType", TYPES);
        if (type == null) {
            throw GuardDutyException.badRequest("The request is rejected because destinationType is required.");
        }
        JsonNode props = body.path("destinationProperties");
        String arn = Requests.string(props, "destinationArn");
        String secret = Requests.string(props, "kmsKeyArn");
        validate(type, arn, secret);
        Map<String, String> tags = Tags.forCreate(body.get("tags"));
        String id = UUID.randomUUID().toString().replace("-", "");
        return db.tx(c -> {
            FindingService.requireDetector(c, account, region, detectorId);
            try (PreparedStatement ps = c.prepareStatement("select count(*) from publishing_destination where account_id = ? and region = ?")) {
                ps.setString(1, account);
                ps.setString(2, region);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) >= MAX_DESTINATIONS) {
                        throw GuardDutyException.badRequest("The request is rejected because the detector already has "
                                + MAX_DESTINATIONS + " publishing destinations.");
                    }
                }
            }
            Db.update(c, "insert into publishing_destination (id, account_id, region, destination_type, destination_arn, "
                    + "kms_key_arn, status, tags, created_at) values (?, ?, ?, ?, ?, ?, 'PUBLISHING', ?::jsonb, now())",
                    id, account, region, type, arn, secret, Json.write(tags));
            return JsonNodeFactory.instance.objectNode().put("destinationId", id);
        });
    }

    private static GuardDutyException missing() {
        return GuardDutyException.badRequest("The request is rejected because the input destinationId is not owned by "
                + "the current account.");
    }

    /** DescribePublishingDestination. */
    public ObjectNode describe(String account, String region, String detectorId, String id) {
        return db.tx(c -> {
            FindingService.requireDetector(c, account, region, detectorId);
            try (PreparedStatement ps = c.prepareStatement("select destination_type, destination_arn, kms_key_arn, status, "
                    + "failure_start_ms, tags::text from publishing_destination where id = ? and account_id = ? and region = ?")) {
                ps.setString(1, id);
                ps.setString(2, account);
                ps.setString(3, region);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw missing();
                    }
                    ObjectNode out = JsonNodeFactory.instance.objectNode().put("destinationId", id)
                            .put("destinationType", rs.getString(1)).put("status", rs.getString(4))
                            .put("publishingFailureStartTimestamp", rs.getLong(5));
                    ObjectNode props = out.putObject("destinationProperties").put("destinationArn", rs.getString(2));
                    if (rs.getString(3) != null) {
                        props.put("kmsKeyArn", "WEBHOOK".equals(rs.getString(1)) ? HIDDEN_SECRET : rs.getString(3));
                    }
                    if (rs.getString(6) != null) {
                        out.set("tags", Json.read(rs.getString(6), JsonNode.class));
                    }
                    return out;
                }
            }
        });
    }

    /** UpdatePublishingDestination: new properties (validated for the destination's type); status reset. */
    public void update(String account, String region, String detectorId, String id, JsonNode body) {
        JsonNode props = body.path("destinationProperties");
        String arn = Requests.string(props, "destinationArn");
        String secret = Requests.string(props, "kmsKeyArn");
        db.tx(c -> {
            FindingService.requireDetector(c, account, region, detectorId);
            String type;
            String oldArn;
            String oldSecret;
            try (PreparedStatement ps = c.prepareStatement("select destination_type, destination_arn, kms_key_arn from "
                    + "publishing_destination where id = ? and account_id = ? and region = ? for update")) {
                ps.setString(1, id);
                ps.setString(2, account);
                ps.setString(3, region);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw missing();
                    }
                    type = rs.getString(1);
                    oldArn = rs.getString(2);
                    oldSecret = rs.getString(3);
                }
            }
            String newArn = arn == null ? oldArn : arn;
            String newSecret = secret == null ? oldSecret : secret;
            validate(type, newArn, newSecret);
            Db.update(c, "update publishing_destination set destination_arn = ?, kms_key_arn = ?, status = 'PUBLISHING', "
                    + "failure_start_ms = 0 where id = ?", newArn, newSecret, id);
            return null;
        });
    }

    /** DeletePublishingDestination. */
    public void delete(String account, String region, String detectorId, String id) {
        db.tx(c -> {
            FindingService.requireDetector(c, account, region, detectorId);
            if (Db.update(c, "delete from publishing_destination where id = ? and account_id = ? and region = ?",
                    id, account, region) == 0) {
                throw missing();
            }
            return null;
        });
    }

    /** ListPublishingDestinations (all at once: at most {@link #MAX_DESTINATIONS}). */
    public ObjectNode list(String account, String region, String detectorId) {
        return db.tx(c -> {
            FindingService.requireDetector(c, account, region, detectorId);
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            ArrayNode arr = out.putArray("destinations");
            try (PreparedStatement ps = c.prepareStatement("select id, destination_type, status from publishing_destination "
                    + "where account_id = ? and region = ? order by created_at, id")) {
                ps.setString(1, account);
                ps.setString(2, region);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        arr.addObject().put("destinationId", rs.getString(1)).put("destinationType", rs.getString(2))
                                .put("status", rs.getString(3));
                    }
                }
            }
            return out;
        });
    }

    private record Target(String id, String account, String type, String arn, String secret) {
    }

    /**
     * Delivers {@code event} to every destination of {@code accountId} (and of its administrator) in {@code region};
     * failures are recorded on the destination and, for webhooks, as dead letters. Never throws.
     */
    public void deliver(String accountId, String region, FindingEvent event) {
        List<Target> targets;
        try {
            targets = db.tx(c -> {
                List<String> owners = new ArrayList<>();
                owners.add(accountId);
                AccountRepository.administratorOf(c, accountId).ifPresent(owners::add);
                List<Target> out = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("select id, account_id, destination_type, destination_arn, "
                        + "kms_key_arn from publishing_destination where region = ? and account_id = any(?)")) {
                    ps.setString(1, region);
                    ps.setArray(2, c.createArrayOf("varchar", owners.toArray()));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(new Target(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
                        }
                    }
                }
                return out;
            });
        } catch (RuntimeException e) {
            Log.warnf("cannot read publishing destinations: %s", e.getMessage());
            return;
        }
        String body = Json.write(event);
        for (Target t : targets) {
            try {
                if (t.type().equals("S3")) {
                    putS3(t, event, body);
                } else {
                    postWebhook(t, event, body);
                }
                db.tx(c -> Db.update(c, "update publishing_destination set status = 'PUBLISHING', failure_start_ms = 0 "
                        + "where id = ? and status <> 'PUBLISHING'", t.id()));
            } catch (RuntimeException e) {
                Log.warnf("delivery of finding %s to destination %s failed: %s", event.detail().id(), t.id(), e.getMessage());
                db.tx(c -> Db.update(c, "update publishing_destination set status = "
                        + "'UNABLE_TO_PUBLISH_FIX_DESTINATION_PROPERTY', failure_start_ms = case when failure_start_ms = 0 "
                        + "then ? else failure_start_ms end where id = ?", System.currentTimeMillis(), t.id()));
            }
        }
    }

    /** The hex HMAC-SHA256 of {@code body} with {@code secret}, as sent in {@link #SIGNATURE_HEADER} after "sha256=". */
    public static String sign(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }

    private void postWebhook(Target t, FindingEvent event, String body) {
        int attempts = Math.max(1, config.export().webhookAttempts());
        long delay = config.export().webhookBackoffMs();
        String error = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                int status = http.postJson(URI.create(t.arn()), Map.of(SIGNATURE_HEADER, "sha256=" + sign(t.secret(), body),
                        "X-Vigil-Event-Id", event.id()), body, WEBHOOK_DEADLINE);
                if (status / 100 == 2) {
                    return;
                }
                error = "HTTP " + status;
            } catch (EgressRefusedException e) {
                error = e.getMessage();
            } catch (IllegalArgumentException e) {
                error = "the destinationArn is not a valid URL";
            }
            if (attempt < attempts) {
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                delay *= 2;
            }
        }
        String reason = error;
        db.tx(c -> Db.update(c, "insert into webhook_dead_letter (account_id, destination_id, finding_id, payload, error, "
                + "attempts, failed_at) values (?, ?, ?, ?, ?, ?, now())", t.account(), t.id(), event.detail().id(), body,
                reason == null ? "unknown" : reason.substring(0, Math.min(reason.length(), 2000)), attempts));
        throw new IllegalStateException("webhook failed after " + attempts + " attempts: " + reason);
    }

    private S3Client s3() {
        if (s3 == null) {
            synchronized (this) {
                if (s3 == null) {
                    var builder = S3Client.builder().httpClient(UrlConnectionHttpClient.create())
                            .region(Region.of(config.export().s3Region()))
                            // path-style, and checksums only where S3 requires them: S3-compatible servers (MinIO,
                            // S3Proxy, Ceph) reject the SDK's default aws-chunked CRC trailers
                            .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true)
                                    .chunkedEncodingEnabled(false).build())
                            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
                    config.export().s3Endpoint().ifPresent(e -> builder.endpointOverride(URI.create(e)));
                    if (config.export().s3AccessKey().isPresent() && config.export().s3SecretKey().isPresent()) {
                        builder.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                                config.export().s3AccessKey().get(), config.export().s3SecretKey().get())));
                    } else {
                        builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
                    }
                    s3 = builder.build();
                }
            }
        }
        return s3;
    }

    /** The object key GuardDuty-style: {@code prefix/AWSLogs/account/GuardDuty/region/yyyy/MM/dd/findingId-eventId.json}. */
    static String objectKey(String prefix, FindingEvent event) {
        String day = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC).format(
                FindingFields.parseInstant(event.time()) == null ? Instant.now() : FindingFields.parseInstant(event.time()));
        return (prefix.isEmpty() ? "" : prefix + "/") + "AWSLogs/" + event.account() + "/GuardDuty/" + event.region() + "/"
                + day + "/" + event.detail().id() + "-" + event.id() + ".json";
    }

    private void putS3(Target t, FindingEvent event, String body) {
        String path = t.arn().substring(t.arn().indexOf(":::") + 3);
        int slash = path.indexOf('/');
        String bucket = slash < 0 ? path : path.substring(0, slash);
        String prefix = slash < 0 ? "" : path.substring(slash + 1).replaceAll("/+$", "");
        s3().putObject(b -> b.bucket(bucket).key(objectKey(prefix, event)).contentType("application/json"),
                RequestBody.fromString(body));
    }
}
