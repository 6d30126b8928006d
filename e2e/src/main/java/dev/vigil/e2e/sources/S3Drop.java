package dev.vigil.e2e.sources;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * An S3-compatible store and an SQS-compatible queue server used as AWS would deliver logs: objects put into a bucket
 * and, since S3-compatible servers (S3Proxy) emit no event notifications, the {@code ObjectCreated:Put} notification
 * S3 would send, in S3's own JSON shape
 * (<a href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html">event message
 * structure</a>), sent to the queue by this class.
 */
public final class S3Drop implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final S3Client s3;
    private final SqsClient sqs;
    private final String region;

    /**
     * @param s3Endpoint  the S3-compatible server (path-style addressing)
     * @param sqsEndpoint the SQS-compatible server
     * @param accessKey   the S3 server's access key (the SQS server is assumed to accept any)
     * @param secretKey   its secret key
     * @param region      the region named in requests and notifications
     */
    public S3Drop(String s3Endpoint, String sqsEndpoint, String accessKey, String secretKey, String region) {
        var creds = StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
        this.region = region;
        this.s3 = S3Client.builder().region(Region.of(region)).credentialsProvider(creds).forcePathStyle(true)
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .endpointOverride(URI.create(s3Endpoint)).httpClient(UrlConnectionHttpClient.create()).build();
        this.sqs = SqsClient.builder().region(Region.of(region)).credentialsProvider(creds)
            .endpointOverride(URI.create(sqsEndpoint)).httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** Creates {@code bucket} unless it exists. */
    public void ensureBucket(String bucket) {
        try {
            s3.createBucket(b -> b.bucket(bucket));
        } catch (BucketAlreadyOwnedByYouException e) {
            // there already
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() != 409) {
                throw e;
            }
        }
    }

    /** CreateQueue (idempotent for the same name and attributes); returns the queue URL. */
    public String ensureQueue(String name) {
        return sqs.createQueue(b -> b.queueName(name)).queueUrl();
    }

    /**
     * Puts {@code body} at {@code key} and sends the S3 event notification of it to {@code queueUrl}.
     *
     * @return the object's ETag (without quotes)
     */
    public String put(String bucket, String key, byte[] body, String queueUrl) {
        PutObjectResponse r = s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(body));
        String etag = r.eTag() == null ? null : r.eTag().replace("\"", "");
        if (queueUrl != null) {
            notify(queueUrl, bucket, key, body.length, etag);
        }
        return etag;
    }

    /** Sends S3's {@code ObjectCreated:Put} notification of an object to {@code queueUrl}. */
    public void notify(String queueUrl, String bucket, String key, long size, String etag) {
        Map<String, Object> object = new java.util.LinkedHashMap<>();
        // S3 URL-encodes the key in notifications (a space as '+')
        object.put("key", URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/"));
        object.put("size", size);
        if (etag != null) {
            object.put("eTag", etag);
        }
        object.put("sequencer", Long.toHexString(System.nanoTime()).toUpperCase(java.util.Locale.ROOT));
        Map<String, Object> record = Map.of("eventVersion", "2.1", "eventSource", "aws:s3", "awsRegion", region,
            "eventTime", Instant.now().toString(), "eventName", "ObjectCreated:Put",
            "s3", Map.of("s3SchemaVersion", "1.0", "configurationId", "vigil-demo",
                "bucket", Map.of("name", bucket, "arn", "arn:aws:s3:::" + bucket), "object", object));
        send(queueUrl, Map.of("Records", List.of(record)));
    }

    /** Sends {@code body} as JSON to {@code queueUrl}. */
    public void send(String queueUrl, Object body) {
        try {
            String text = body instanceof String s ? s : JSON.writeValueAsString(body);
            sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(text));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Messages in {@code queueUrl} not yet deleted (visible, in flight and delayed). */
    public long pending(String queueUrl) {
        Map<QueueAttributeName, String> a = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(
            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
        return a.values().stream().mapToLong(Long::parseLong).sum();
    }

    /** {@code text} in UTF-8, gzip-compressed (as AWS writes flow logs and CloudTrail to S3). */
    public static byte[] gzip(String text) {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream(text.length() / 8 + 64);
        try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(b)) {
            z.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return b.toByteArray();
    }

    @Override
    public void close() {
        s3.close();
        sqs.close();
    }
}
