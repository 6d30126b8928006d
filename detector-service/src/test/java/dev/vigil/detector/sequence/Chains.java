package dev.vigil.detector.sequence;

import dev.vigil.detector.streams.Harness;
import dev.vigil.detector.streams.Records;
import dev.vigil.events.CloudTrailRecord;
import java.time.Instant;

/** Realistic CloudTrail records for attack chains and their look-alikes (test data). */
final class Chains {

    /** A Tor exit address from the shipped snapshot ({@code tor-exit-nodes.lst}). */
    static final String TOR = "101.99.92.179";
    /** The office network of the benign administrator. */
    static final String OFFICE = "198.51.100.20";
    static final String CLI = "aws-cli/2.15.30 Python/3.11.8 Linux/6.5.0 exe/x86_64.ubuntu.22 prompt/off command/s3.ls";
    private static int seq;

    private Chains() {
    }

    /** A successful call by IAM user {@code user} (principal {@code AIDA<USER>}, key {@code AKIA<USER>}). */
    static CloudTrailRecord call(String user, String source, String api, String ip, String agent, String request,
            long epochSec) {
        return Records.cloudTrail("""
                {"eventVersion":"1.09","userIdentity":{"type":"IAMUser","principalId":"AIDA%1$s","arn":
                "arn:aws:iam::111111111111:user/%2$s","accountId":"111111111111","accessKeyId":"AKIA%1$s",
                "userName":"%2$s"},"eventTime":"%3$s","eventSource":"%4$s","eventName":"%5$s","awsRegion":"us-east-1",
                "sourceIPAddress":"%6$s","userAgent":"%7$s","requestParameters":%8$s,"eventID":"%9$s",
                "eventType":"AwsApiCall","readOnly":false,"managementEvent":true,"recipientAccountId":"111111111111"}
                """.formatted(user.toUpperCase(), user, Instant.ofEpochSecond(epochSec), source, api, ip, agent,
                request == null ? "null" : request, "ev-" + user + "-" + api + "-" + epochSec + "-" + (seq++)));
    }

    /** A call by the assumed-role session {@code role/session} (a CI pipeline). */
    static CloudTrailRecord roleCall(String role, String session, String source, String api, String ip, String request,
            long epochSec) {
        return Records.cloudTrail("""
                {"eventVersion":"1.09","userIdentity":{"type":"AssumedRole","principalId":"AROACI:%2$s","arn":
                "arn:aws:sts::111111111111:assumed-role/%1$s/%2$s","accountId":"111111111111","accessKeyId":"ASIACI%3$d",
                "sessionContext":{"sessionIssuer":{"type":"Role","principalId":"AROACI","arn":
                "arn:aws:iam::111111111111:role/%1$s","accountId":"111111111111","userName":"%1$s"}}},
                "eventTime":"%4$s","eventSource":"%5$s","eventName":"%6$s","awsRegion":"us-east-1",
                "sourceIPAddress":"%7$s","userAgent":"Boto3/1.34.0 md/Botocore#1.34.0 ua/2.0 os/linux",
                "requestParameters":%8$s,"eventID":"ci-%6$s-%4$s-%9$d","eventType":"AwsApiCall"}
                """.formatted(role, session, epochSec / 86400, Instant.ofEpochSecond(epochSec), source, api, ip,
                request == null ? "null" : request, seq++));
    }

    static String bucket(String name) {
        return "{\"bucketName\":\"" + name + "\"}";
    }

    static String object(String bucket, String key) {
        return "{\"bucketName\":\"" + bucket + "\",\"key\":\"" + key + "\"}";
    }

    static String user(String name) {
        return "{\"userName\":\"" + name + "\"}";
    }

    static String account() {
        return Harness.ACCOUNT;
    }
}
