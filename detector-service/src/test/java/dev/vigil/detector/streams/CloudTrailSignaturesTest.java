package dev.vigil.detector.streams;

import static dev.vigil.detector.streams.Records.T0;
import static dev.vigil.detector.streams.Records.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.events.CloudTrailRecord;
import dev.vigil.events.Finding;
import dev.vigil.events.FindingCandidate;
import dev.vigil.events.FindingIds;
import dev.vigil.events.Json;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * CloudTrail signature detections through the real topology ({@link Harness}: TopologyTestDriver, real serdes and
 * stores). Each type has its attack and a benign look-alike.
 */
class CloudTrailSignaturesTest {

    private static final String IP = "198.51.100.20";
    private static final String UA = "aws-cli/2.15.0 Python/3.11.6 Linux/6.1.0 exe/x86_64.ubuntu.22";
    private Harness h;

    @BeforeEach
    void start() {
        h = new Harness().account(Harness.ACCOUNT, "ENABLED");
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private List<FindingCandidate> send(CloudTrailRecord r) {
        h.cloudTrail(r);
        return h.candidates();
    }

    private static List<String> types(List<FindingCandidate> c) {
        return c.stream().map(x -> x.finding().type()).toList();
    }

    @Test
    void rootApiCallIsReportedInGuardDutyShape() {
        CloudTrailRecord r = Records.cloudTrail("""
                {"eventVersion":"1.08","userIdentity":{"type":"Root","principalId":"111111111111",
                "arn":"arn:aws:iam::111111111111:root","accountId":"111111111111","accessKeyId":"ASIAROOT"},
                "eventTime":"2026-11-29T10:00:01Z","eventSource":"iam.amazonaws.com","eventName":"ListUsers",
                "awsRegion":"us-east-1","sourceIPAddress":"198.51.100.20","userAgent":"aws-cli/2","eventID":"e-root-1",
                "eventType":"AwsApiCall","readOnly":true}""");
        List<FindingCandidate> out = send(r);
        assertThat(types(out)).containsExactly("Policy:IAMUser/RootCredentialUsage");
        FindingCandidate c = out.get(0);
        Finding f = c.finding();
        String id = FindingIds.findingId(Harness.ACCOUNT, Harness.REGION, f.type(),
                "111111111111|iam.amazonaws.com|ListUsers");
        assertThat(f.id()).isEqualTo(id);
        assertThat(c.eventId()).isEqualTo(FindingIds.candidateEventId(id, "e-root-1"));
        assertThat(f.arn()).isEqualTo("arn:aws:guardduty:us-east-1:111111111111:detector/" + Harness.DETECTOR
                + "/finding/" + id);
        assertThat(f.partition()).isEqualTo("aws");
        assertThat(f.schemaVersion()).isEqualTo("2.0");
        assertThat(f.severity()).isEqualTo(2.0);
        assertThat(f.service().count()).isEqualTo(1L);
        assertThat(f.service().serviceName()).isEqualTo("guardduty");
        assertThat(f.service().archived()).isFalse();
        assertThat(f.service().detectorId()).isEqualTo(Harness.DETECTOR);
        assertThat(f.service().eventFirstSeen()).isEqualTo("2026-11-29T10:00:01.000Z");
        assertThat(f.service().resourceRole()).isEqualTo("TARGET");
        JsonNode action = f.service().action();
        assertThat(action.path("actionType").asText()).isEqualTo("AWS_API_CALL");
        assertThat(action.path("awsApiCallAction").path("api").asText()).isEqualTo("ListUsers");
        assertThat(action.path("awsApiCallAction").path("remoteIpDetails").path("ipAddressV4").asText()).isEqualTo(IP);
        JsonNode key = f.resource().path("accessKeyDetails");
        assertThat(f.resource().path("resourceType").asText()).isEqualTo("AccessKey");
        assertThat(key.path("accessKeyId").asText()).isEqualTo("ASIAROOT");
        assertThat(key.path("userType").asText()).isEqualTo("Root");
        assertThat(key.path("userName").asText()).isEqualTo("Root");
    }

    @Test
    void rootFailuresAndServiceActionsOnBehalfOfRootAreNotReported() {
        assertThat(send(Records.cloudTrail("""
                {"userIdentity":{"type":"Root","principalId":"111111111111","accountId":"111111111111"},
                "eventTime":"2026-11-29T10:00:01Z","eventSource":"iam.amazonaws.com","eventName":"ListUsers",
                "sourceIPAddress":"198.51.100.20","errorCode":"AccessDenied","eventID":"e1"}"""))).isEmpty();
        assertThat(send(Records.cloudTrail("""
                {"userIdentity":{"type":"Root","principalId":"111111111111","accountId":"111111111111",
                "invokedBy":"signin.amazonaws.com"},"eventTime":"2026-11-29T10:00:01Z",
                "eventSource":"iam.amazonaws.com","eventName":"ListUsers","sourceIPAddress":"AWS Internal",
                "eventID":"e2"}"""))).isEmpty();
        assertThat(send(call("iam.amazonaws.com", "ListUsers", IP, UA, "null", null, T0))).isEmpty();
    }

    @Test
    void stopLoggingAndDeleteTrailDisableCloudTrail() {
        assertThat(types(send(call("cloudtrail.amazonaws.com", "StopLogging", IP, UA, "{\"name\":\"main\"}", null, T0))))
                .containsExactly("Stealth:IAMUser/CloudTrailLoggingDisabled");
        assertThat(types(send(call("cloudtrail.amazonaws.com", "DeleteTrail", IP, UA, "{\"name\":\"main\"}", null, T0))))
                .containsExactly("Stealth:IAMUser/CloudTrailLoggingDisabled");
        // look-alikes: starting logging, updating a trail, a denied StopLogging
        assertThat(send(call("cloudtrail.amazonaws.com", "StartLogging", IP, UA, "{\"name\":\"main\"}", null, T0))).isEmpty();
        assertThat(send(call("cloudtrail.amazonaws.com", "UpdateTrail", IP, UA, "{\"name\":\"main\"}", null, T0))).isEmpty();
        assertThat(send(call("cloudtrail.amazonaws.com", "StopLogging", IP, UA, "{\"name\":\"main\"}", "AccessDenied",
                T0))).isEmpty();
    }

    @Test
    void weakenedOrDeletedPasswordPolicyIsReportedAndAttemptsCount() {
        List<FindingCandidate> weak = send(call("iam.amazonaws.com", "UpdateAccountPasswordPolicy", IP, UA,
                "{\"minimumPasswordLength\":6,\"requireSymbols\":false,\"requireNumbers\":false,"
                        + "\"requireUppercaseCharacters\":false,\"requireLowercaseCharacters\":true}", null, T0));
        assertThat(types(weak)).containsExactly("Stealth:IAMUser/PasswordPolicyChange");
        assertThat(weak.get(0).finding().severity()).isEqualTo(8.0);
        assertThat(types(send(call("iam.amazonaws.com", "DeleteAccountPasswordPolicy", IP, UA, "null", null, T0))))
                .containsExactly("Stealth:IAMUser/PasswordPolicyChange");
        // GuardDuty: "can also be triggered by an attempt to update or delete" the policy
        assertThat(types(send(call("iam.amazonaws.com", "DeleteAccountPasswordPolicy", IP, UA, "null", "AccessDenied",
                T0)))).containsExactly("Stealth:IAMUser/PasswordPolicyChange");
        // look-alike: a strong policy
        assertThat(send(call("iam.amazonaws.com", "UpdateAccountPasswordPolicy", IP, UA,
                "{\"minimumPasswordLength\":16,\"requireSymbols\":true,\"requireNumbers\":true,"
                        + "\"requireUppercaseCharacters\":true,\"requireLowercaseCharacters\":true,"
                        + "\"maxPasswordAge\":90}", null, T0))).isEmpty();
    }

    @Test
    void penTestDistributionsAreRecognisedInTheUserAgent() {
        assertThat(types(send(call("s3.amazonaws.com", "ListBuckets", IP,
                "Boto3/1.34.0 Python/3.11.8 Linux/6.6.9-amd64 Botocore/1.34.0 kali/2024.1", "null", null, T0))))
                .containsExactly("PenTest:IAMUser/KaliLinux");
        assertThat(types(send(call("s3.amazonaws.com", "ListBuckets", IP,
                "aws-cli/2.15 Python/3.11 Linux/6.5.0-13parrot1-amd64", "null", null, T0))))
                .containsExactly("PenTest:IAMUser/ParrotLinux");
        assertThat(types(send(call("s3.amazonaws.com", "ListBuckets", IP,
                "aws-cli/2.15 Python/3.11 Linux/6.6.1-pentoo exe/x86_64", "null", null, T0))))
                .containsExactly("PenTest:IAMUser/PentooLinux");
        // look-alikes: words that merely contain the names
        assertThat(send(call("s3.amazonaws.com", "ListBuckets", IP, "kalimba-sdk/1.0 parrotsec-fan pentoolbox/2",
                "null", null, T0))).isEmpty();
    }

    @Test
    void s3PolicyTypes() {
        String off = "{\"bucketName\":\"b1\",\"PublicAccessBlockConfiguration\":{\"BlockPublicAcls\":false,"
                + "\"IgnorePublicAcls\":false,\"BlockPublicPolicy\":false,\"RestrictPublicBuckets\":false}}";
        String on = off.replace("false", "true");
        assertThat(types(send(call("s3.amazonaws.com", "PutBucketPublicAccessBlock", IP, UA, off, null, T0))))
                .containsExactly("Policy:S3/BucketBlockPublicAccessDisabled");
        assertThat(send(call("s3.amazonaws.com", "PutBucketPublicAccessBlock", IP, UA, on, null, T0))).isEmpty();
        assertThat(types(send(call("s3.amazonaws.com", "PutAccountPublicAccessBlock", IP, UA, off, null, T0))))
                .containsExactly("Policy:S3/AccountBlockPublicAccessDisabled");
        assertThat(send(call("s3.amazonaws.com", "PutAccountPublicAccessBlock", IP, UA, on, null, T0))).isEmpty();
        assertThat(types(send(call("s3.amazonaws.com", "DeleteAccountPublicAccessBlock", IP, UA, "{}", null, T0))))
                .containsExactly("Policy:S3/AccountBlockPublicAccessDisabled");

        List<FindingCandidate> anon = send(call("s3.amazonaws.com", "PutBucketPolicy", IP, UA,
                "{\"bucketName\":\"b1\",\"bucketPolicy\":{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                        + "{\"AWS\":\"*\"},\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b1/*\"}]}}", null, T0));
        assertThat(types(anon)).containsExactly("Policy:S3/BucketAnonymousAccessGranted");
        assertThat(anon.get(0).finding().severity()).isEqualTo(8.0);
        assertThat(anon.get(0).finding().resource().path("s3BucketDetails").get(0).path("name").asText()).isEqualTo("b1");
        // look-alike: "*" restricted by a condition
        assertThat(send(call("s3.amazonaws.com", "PutBucketPolicy", IP, UA,
                "{\"bucketName\":\"b1\",\"bucketPolicy\":{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
                        + "\"Action\":\"s3:GetObject\",\"Condition\":{\"StringEquals\":{\"aws:PrincipalOrgID\":\"o-1\"}}}]}}",
                null, T0))).isEmpty();
        assertThat(types(send(call("s3.amazonaws.com", "PutBucketAcl", IP, UA,
                "{\"bucketName\":\"b1\",\"AccessControlPolicy\":{\"AccessControlList\":{\"Grant\":[{\"Grantee\":"
                        + "{\"URI\":\"http://acs.amazonaws.com/groups/global/AuthenticatedUsers\"},\"Permission\":\"READ\"}]}}}",
                null, T0)))).containsExactly("Policy:S3/BucketPublicAccessGranted");
        assertThat(types(send(call("s3.amazonaws.com", "PutBucketAcl", IP, UA,
                "{\"bucketName\":\"b1\",\"x-amz-acl\":[\"public-read\"]}", null, T0))))
                .containsExactly("Policy:S3/BucketAnonymousAccessGranted");
        assertThat(send(call("s3.amazonaws.com", "PutBucketAcl", IP, UA,
                "{\"bucketName\":\"b1\",\"x-amz-acl\":[\"private\"]}", null, T0))).isEmpty();

        assertThat(types(send(call("s3.amazonaws.com", "PutBucketLogging", IP, UA,
                "{\"bucketName\":\"b1\",\"BucketLoggingStatus\":{}}", null, T0))))
                .containsExactly("Stealth:S3/ServerAccessLoggingDisabled");
        assertThat(send(call("s3.amazonaws.com", "PutBucketLogging", IP, UA,
                "{\"bucketName\":\"b1\",\"BucketLoggingStatus\":{\"LoggingEnabled\":{\"TargetBucket\":\"logs\"}}}",
                null, T0))).isEmpty();
    }

    @Test
    void disabledOrAbsentDetectorOrOtherRegionAnalysesNothing() {
        CloudTrailRecord stop = call("cloudtrail.amazonaws.com", "StopLogging", IP, UA, "{\"name\":\"x\"}", null, T0);
        h.account(Harness.ACCOUNT, "DISABLED");
        assertThat(send(stop)).isEmpty();
        h.account(Harness.ACCOUNT, "ENABLED");
        CloudTrailRecord otherRegion = Records.cloudTrail(Json.MAPPER.valueToTree(stop), "eu-west-1");
        assertThat(send(otherRegion)).isEmpty();
        ObjectNodeHelper.assertNoAccount(h, stop);
        assertThat(send(stop)).hasSize(1);
    }

    @Test
    void replayGivesTheSameFindingIdsAndEventIds() {
        List<CloudTrailRecord> input = List.of(
                call("cloudtrail.amazonaws.com", "StopLogging", IP, UA, "{\"name\":\"x\"}", null, T0),
                call("iam.amazonaws.com", "DeleteAccountPasswordPolicy", IP, UA, "null", null, T0 + 1));
        input.forEach(h::cloudTrail);
        List<FindingCandidate> first = h.candidates();
        input.forEach(h::cloudTrail);
        List<FindingCandidate> again = h.candidates();
        assertThat(first).hasSize(2);
        assertThat(again.stream().map(FindingCandidate::eventId)).containsExactlyElementsOf(
                first.stream().map(FindingCandidate::eventId).toList());
        assertThat(again.stream().map(c -> c.finding().id())).containsExactlyElementsOf(
                first.stream().map(c -> c.finding().id()).toList());
        assertThat(Json.write(again.get(0).finding())).isEqualTo(Json.write(first.get(0).finding()));
    }
}
