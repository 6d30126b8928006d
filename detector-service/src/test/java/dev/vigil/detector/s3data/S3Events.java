package dev.vigil.detector.s3data;

import dev.vigil.detector.streams.Harness;
import dev.vigil.detector.streams.Records;
import dev.vigil.events.AccountState;
import dev.vigil.events.CloudTrailRecord;
import java.time.Instant;
import java.util.List;

/** S3 data events in CloudTrail's own format, and an account whose detector has S3_DATA_EVENTS on or off. */
final class S3Events {

    static final String SDK = "aws-sdk-java/2.25.10 Linux/5.10 OpenJDK_64-Bit_Server_VM/17";
    private static int seq;

    private S3Events() {
    }

    /** Publishes {@link Harness#ACCOUNT}'s state: one enabled detector, with or without S3 data events. */
    static Harness account(Harness h, boolean s3DataEvents) {
        return h.account(Harness.ACCOUNT, new AccountState(1, Harness.ACCOUNT, 1, List.of(new AccountState.Detector(
                Harness.DETECTOR, Harness.REGION, "ENABLED", "SIX_HOURS", true, true, true, 0L,
                s3DataEvents ? List.of(AccountState.Detector.S3_DATA_EVENTS) : null)), null, List.of(), 0L));
    }

    /** An S3 data event of IAM user alice on {@code bucket}/{@code key} ({@code key} may be null). */
    static CloudTrailRecord call(String name, String bucket, String key, String ip, String agent, long sec) {
        return call("""
                {"type":"IAMUser","principalId":"AIDAEXAMPLE","arn":"arn:aws:iam::111111111111:user/alice",
                "accountId":"111111111111","accessKeyId":"AKIAEXAMPLE","userName":"alice"}""",
                name, bucket, key, ip, agent, sec);
    }

    /** An S3 data event of the given {@code userIdentity} JSON. */
    static CloudTrailRecord call(String identity, String name, String bucket, String key, String ip, String agent,
            long sec) {
        String params = key == null ? "{\"bucketName\":\"%s\",\"Host\":\"%s.s3.amazonaws.com\"}".formatted(bucket,
                bucket) : "{\"bucketName\":\"%s\",\"key\":\"%s\",\"Host\":\"%s.s3.amazonaws.com\"}"
                .formatted(bucket, key, bucket);
        return Records.cloudTrail("""
                {"eventVersion":"1.09","userIdentity":%s,"eventTime":"%s","eventSource":"s3.amazonaws.com",
                "eventName":"%s","awsRegion":"us-east-1","sourceIPAddress":"%s","userAgent":"%s",
                "requestParameters":%s,"responseElements":null,"eventID":"s3-%d","readOnly":%s,
                "resources":[{"type":"AWS::S3::Bucket","ARN":"arn:aws:s3:::%s"}],"eventType":"AwsApiCall",
                "managementEvent":false,"recipientAccountId":"111111111111","eventCategory":"Data"}
                """.formatted(identity, Instant.ofEpochSecond(sec), name, ip, agent, params, seq++,
                name.startsWith("Get") || name.startsWith("List") || name.startsWith("Head"), bucket));
    }

    /** The {@code userIdentity} of EC2 instance i-0abc12345678's role session. */
    static String instanceRole() {
        return """
                {"type":"AssumedRole","principalId":"AROAEXAMPLE:i-0abc12345678","arn":
                "arn:aws:sts::111111111111:assumed-role/web-role/i-0abc12345678","accountId":"111111111111",
                "accessKeyId":"ASIAEXAMPLE","sessionContext":{"sessionIssuer":{"type":"Role","principalId":
                "AROAEXAMPLE","arn":"arn:aws:iam::111111111111:role/web-role","accountId":"111111111111",
                "userName":"web-role"},"ec2RoleDelivery":"2.0"}}""";
    }
}
