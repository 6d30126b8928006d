package dev.vigil.ingest.sources;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.events.Json;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One SQS message body read as an S3 event notification, in the three shapes AWS delivers
 * (<a href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html">S3's own
 * JSON</a> with {@code Records[].s3}, the same wrapped in an SNS {@code Notification} whose {@code Message} is that JSON
 * as a string, and an EventBridge event with {@code detail-type} {@code Object Created}) plus the {@code s3:TestEvent}
 * S3 sends when a notification is configured. S3's own keys are URL-encoded ({@code "red flower.jpg"} arrives as
 * {@code red+flower.jpg}) and are decoded here; EventBridge keys arrive as they are.
 *
 * @param objects the created objects named (empty for a test event or a notification of other events)
 * @param test    whether this is S3's {@code s3:TestEvent}
 * @param problem why the body is not an S3 notification, or {@code null}
 */
public record S3Notification(List<ObjectRef> objects, boolean test, String problem) {

    /**
     * One object a notification names.
     *
     * @param bucket    the bucket
     * @param key       the key (decoded)
     * @param versionId the version ID, or {@code null} when the bucket is not versioned
     * @param eTag      the ETag (without quotes), or {@code null}
     * @param size      size in bytes, or -1 when not given
     */
    public record ObjectRef(String bucket, String key, String versionId, String eTag, long size) {

        /** {@code s3://bucket/key}, how the status names the object. */
        public String uri() {
            return "s3://" + bucket + "/" + key;
        }

        /**
         * The idempotency key of this object's content: bucket, key and version (or ETag); the same object read twice
         * yields the same event IDs. Without either, the key alone (an overwritten unversioned object without ETag
         * would then count once).
         */
        public String submissionId() {
            String v = versionId != null ? "v=" + versionId : eTag != null ? "etag=" + eTag : "";
            return "s3:" + bucket + "/" + key + "#" + v;
        }
    }

    /** Reads {@code body}; never throws. */
    public static S3Notification parse(String body) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (Exception e) {
            return problem("the message is not JSON");
        }
        if (root == null || !root.isObject()) {
            return problem("the message is not a JSON object");
        }
        if ("Notification".equals(root.path("Type").asText()) && root.path("Message").isTextual()) {
            S3Notification inner = parse(root.path("Message").asText());
            return inner.problem() == null ? inner : problem("the SNS notification's Message is not an S3 notification: "
                    + inner.problem());
        }
        if ("s3:TestEvent".equals(root.path("Event").asText())) {
            return new S3Notification(List.of(), true, null);
        }
        if (root.has("detail-type") && root.has("detail")) {
            return eventBridge(root);
        }
        JsonNode records = root.get("Records");
        if (records == null || !records.isArray()) {
            return problem("the message is neither an S3 event notification (Records), an SNS notification nor an "
                    + "EventBridge event");
        }
        List<ObjectRef> out = new ArrayList<>();
        for (JsonNode r : records) {
            if (!r.path("eventName").asText().startsWith("ObjectCreated:")) {
                continue;
            }
            JsonNode s3 = r.path("s3");
            String bucket = s3.path("bucket").path("name").asText(null);
            String key = s3.path("object").path("key").asText(null);
            if (bucket == null || key == null) {
                return problem("Records[].s3 has no bucket.name or object.key");
            }
            out.add(new ObjectRef(bucket, URLDecoder.decode(key, StandardCharsets.UTF_8),
                    s3.path("object").path("versionId").asText(null), unquote(s3.path("object").path("eTag").asText(null)),
                    s3.path("object").path("size").asLong(-1)));
        }
        return new S3Notification(out, false, null);
    }

    private static S3Notification eventBridge(JsonNode root) {
        if (!"Object Created".equals(root.path("detail-type").asText())) {
            return new S3Notification(List.of(), false, null); // another S3 event routed to the queue: nothing to read
        }
        JsonNode d = root.path("detail");
        String bucket = d.path("bucket").path("name").asText(null);
        String key = d.path("object").path("key").asText(null);
        if (bucket == null || key == null) {
            return problem("the EventBridge event's detail has no bucket.name or object.key");
        }
        return new S3Notification(List.of(new ObjectRef(bucket, key, d.path("object").path("version-id").asText(null),
                unquote(d.path("object").path("etag").asText(null)), d.path("object").path("size").asLong(-1))), false, null);
    }

    private static String unquote(String etag) {
        return etag == null ? null : etag.replace("\"", "");
    }

    private static S3Notification problem(String reason) {
        return new S3Notification(List.of(), false, reason);
    }
}
