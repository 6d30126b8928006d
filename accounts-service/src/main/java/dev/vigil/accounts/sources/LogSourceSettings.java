package dev.vigil.accounts.sources;

import dev.vigil.events.LogSourceState;
import dev.vigil.web.GuardDutyException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The settings of a log source as a request gives them (every member optional on update) and their checks. Each
 * failed check is a 400 naming the member.
 *
 * @param name         1 to 300 characters
 * @param kind         {@code S3_SQS}, {@code S3_POLL} or {@code FIREHOSE} (fixed once created)
 * @param logType      {@code FLOW}, {@code DNS}, {@code CLOUDTRAIL} or {@code AUTO} (default AUTO)
 * @param region       AWS region of the queue and bucket (default: the caller's region)
 * @param queueUrl     the SQS queue's URL (required for S3_SQS)
 * @param bucket       the bucket (required for S3_POLL; for S3_SQS, notifications of other buckets are skipped)
 * @param prefix       key prefix (optional; AWS's layout is {@code AWSLogs/{account}/vpcflowlogs/...})
 * @param endpoint     endpoint override of an S3- and SQS-compatible store (http or https URL), or null for AWS
 * @param credentials  role to assume or static keys (required for the S3 kinds, refused for FIREHOSE)
 * @param startTime    ISO-8601 instant from which to backfill (S3_POLL; S3_SQS with its bucket, before the queue), or null
 * @param status       {@code ENABLED} (default) or {@code DISABLED}
 * @param rotateFirehoseAccessKey update of a {@code FIREHOSE} source only: {@code true} issues a new access key (the
 *                     answer carries it, once) and the old one stops working as soon as ingest reads the change
 */
public record LogSourceSettings(String name, String kind, String logType, String region, String queueUrl,
        String bucket, String prefix, String endpoint, LogSourceState.Credentials credentials, String startTime,
        String status, Boolean rotateFirehoseAccessKey) {

    /** Kinds of source. */
    public static final List<String> KINDS = List.of("S3_SQS", "S3_POLL", "FIREHOSE");
    /** Log types; AUTO detects flow, DNS or CloudTrail from each object's content. */
    public static final List<String> LOG_TYPES = List.of("FLOW", "DNS", "CLOUDTRAIL", "AUTO");
    /** Statuses a caller may set. */
    public static final List<String> STATUSES = List.of(LogSourceState.ENABLED, LogSourceState.DISABLED);

    /** S3 bucket naming rules (general purpose buckets): 3-63 of a-z 0-9 . -, starting and ending alphanumeric. */
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    /** AWS region names (us-east-1, eu-central-2, us-gov-west-1, cn-north-1). */
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");

    /**
     * Checks the members that are set.
     *
     * @throws GuardDutyException 400 naming the first member at fault
     */
    public void checkMembers() {
        if (name != null && (name.isEmpty() || name.length() > 300)) {
            throw GuardDutyException.badRequest("name must be 1 to 300 characters.");
        }
        oneOf("kind", kind, KINDS);
        oneOf("logType", logType, LOG_TYPES);
        oneOf("status", status, STATUSES);
        if (region != null && !REGION.matcher(region).matches()) {
            throw GuardDutyException.badRequest("region must be an AWS region name such as us-east-1.");
        }
        url("queueUrl", queueUrl);
        url("endpoint", endpoint);
        if (bucket != null && (!BUCKET.matcher(bucket).matches() || bucket.contains(".."))) {
            throw GuardDutyException.badRequest("bucket must be an S3 bucket name: 3 to 63 characters of a-z, 0-9, '.' and '-', "
                    + "starting and ending with a letter or digit.");
        }
        if (prefix != null && prefix.length() > 1024) {
            throw GuardDutyException.badRequest("prefix must be at most 1024 characters.");
        }
        if (credentials != null) {
            SourceCredentials.check(credentials);
        }
        startInstant();
    }

    /** {@code startTime} parsed, or null. */
    public Instant startInstant() {
        if (startTime == null) {
            return null;
        }
        try {
            return Instant.parse(startTime);
        } catch (DateTimeParseException e) {
            throw GuardDutyException.badRequest("startTime must be an ISO-8601 UTC instant such as 2026-12-01T00:00:00Z.");
        }
    }

    /**
     * Checks that {@code s} (a whole source after create or update) is complete for its kind.
     *
     * @throws GuardDutyException 400 naming the missing or misplaced member
     */
    static void checkComplete(LogSourceEntity s, boolean hasCredentials) {
        switch (s.kind) {
            case "S3_SQS" -> {
                if (s.queueUrl == null) {
                    throw GuardDutyException.badRequest("queueUrl is required for kind S3_SQS.");
                }
                if (s.startTime != null && s.bucket == null) {
                    throw GuardDutyException.badRequest("startTime of kind S3_SQS needs the bucket to read from the start time"
                            + " before the queue.");
                }
            }
            case "S3_POLL" -> {
                if (s.bucket == null) {
                    throw GuardDutyException.badRequest("bucket is required for kind S3_POLL.");
                }
                if (s.queueUrl != null) {
                    throw GuardDutyException.badRequest("queueUrl is not used by kind S3_POLL; use kind S3_SQS with a startTime.");
                }
            }
            default -> { // FIREHOSE: Firehose delivers to Vigil, Vigil reads nothing itself
                if (s.queueUrl != null || s.bucket != null || s.prefix != null || s.endpoint != null || hasCredentials) {
                    throw GuardDutyException.badRequest("kind FIREHOSE takes no queueUrl, bucket, prefix, endpoint or credentials.");
                }
            }
        }
        if (!"FIREHOSE".equals(s.kind) && !hasCredentials) {
            throw GuardDutyException.badRequest("credentials are required for kind " + s.kind
                    + ": a roleArn to assume or an accessKeyId and secretAccessKey.");
        }
        if (s.prefix != null && s.bucket == null) {
            throw GuardDutyException.badRequest("prefix needs a bucket.");
        }
    }

    private static void oneOf(String member, String value, List<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            throw GuardDutyException.badRequest("Invalid " + member + ": '" + value + "'. Valid values: " + String.join(", ", allowed) + ".");
        }
    }

    private static void url(String member, String value) {
        if (value == null) {
            return;
        }
        if (value.length() > 1024 || !(value.startsWith("https://") || value.startsWith("http://"))) {
            throw GuardDutyException.badRequest(member + " must be an http(s):// URL of at most 1024 characters.");
        }
        try {
            java.net.URI u = new java.net.URI(value);
            if (u.getHost() == null || u.getUserInfo() != null) {
                throw GuardDutyException.badRequest(member + " must be an http(s):// URL with a host and no user information.");
            }
        } catch (java.net.URISyntaxException e) {
            throw GuardDutyException.badRequest(member + " is not a valid URL.");
        }
    }
}
