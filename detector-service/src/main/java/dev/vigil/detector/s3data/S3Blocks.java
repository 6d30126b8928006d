package dev.vigil.detector.s3data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.detector.rules.Blocks;
import dev.vigil.events.CloudTrailRecord;
import java.util.Map;

/**
 * The {@code Resource} and {@code Action} of an S3 data-event finding, in GuardDuty's shape (API model
 * {@code Resource.s3BucketDetails} / {@code S3BucketDetail}, {@code S3ObjectDetail}, {@code AwsApiCallAction};
 * GuardDuty's own S3 findings: {@code resourceType} {@code S3Bucket} with the caller's {@code accessKeyDetails}, the
 * bucket as {@code Destination}, and {@code affectedResources} {@code AWS::S3::Bucket}).
 */
public final class S3Blocks {

    private S3Blocks() {
    }

    /** The bucket of an S3 data event: {@code requestParameters.bucketName}, else its {@code resources} ARN, else "-". */
    public static String bucket(CloudTrailRecord ct) {
        JsonNode p = ct.requestParameters();
        if (p != null && p.hasNonNull("bucketName") && !p.get("bucketName").asText().isBlank()) {
            return p.get("bucketName").asText();
        }
        if (ct.resources() != null && ct.resources().isArray()) {
            for (JsonNode r : ct.resources()) {
                String arn = r.path("ARN").asText("");
                if ("AWS::S3::Bucket".equals(r.path("type").asText()) && arn.startsWith("arn:")) {
                    return arn.substring(arn.lastIndexOf(':') + 1);
                }
            }
        }
        return "-";
    }

    /** The object key of the call ({@code requestParameters.key}), or {@code null}. */
    public static String key(CloudTrailRecord ct) {
        JsonNode p = ct.requestParameters();
        return p != null && p.hasNonNull("key") && !p.get("key").asText().isEmpty() ? p.get("key").asText() : null;
    }

    /** The {@code S3Bucket} resource: the caller's access key and the bucket (with the object, when one is named). */
    public static ObjectNode resource(CloudTrailRecord ct) {
        ObjectNode r = Blocks.accessKey(ct);
        r.put("resourceType", "S3Bucket");
        String bucket = bucket(ct);
        ObjectNode b = r.putArray("s3BucketDetails").addObject();
        b.put("name", bucket);
        b.put("arn", "arn:aws:s3:::" + bucket);
        b.put("type", "Destination");
        String key = key(ct);
        if (key != null) {
            ArrayNode objects = b.putArray("s3ObjectDetails");
            ObjectNode o = objects.addObject();
            o.put("key", key);
            o.put("objectArn", "arn:aws:s3:::" + bucket + "/" + key);
            JsonNode version = ct.requestParameters().get("versionId");
            if (version != null && version.isTextual()) {
                o.put("versionId", version.asText());
            }
        }
        return r;
    }

    /** The {@code AWS_API_CALL} action with the bucket as affected resource. */
    public static ObjectNode action(CloudTrailRecord ct) {
        return Blocks.apiCall(ct, Map.of("AWS::S3::Bucket", bucket(ct)));
    }
}
