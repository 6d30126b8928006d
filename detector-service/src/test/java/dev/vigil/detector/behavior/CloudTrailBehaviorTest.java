package dev.vigil.detector.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.detector.streams.Records;
import dev.vigil.events.CloudTrailRecord;
import dev.vigil.events.FindingCandidate;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CloudTrail: AnomalousBehavior per principal, read bursts, instance credentials used outside AWS. */
class CloudTrailBehaviorTest extends BehaviorTestBase {

    private static final String CLI = "aws-cli/2.13.0 Python/3.11.4 Linux/5.10 exe/x86_64";
    private static final String HOME = "203.0.113.10";

    private static CloudTrailRecord ec2(String name, String ip, String ua, long t) {
        return Records.call("ec2.amazonaws.com", name, ip, ua, "{}", null, t);
    }

    private static CloudTrailRecord iam(String name, String ip, String ua, long t) {
        return Records.call("iam.amazonaws.com", name, ip, ua, "{}", null, t);
    }

    /** Alice's normal hour: a few Describe calls every 10 minutes and one CreateAccessKey, from home with the CLI. */
    private void learnNormal() {
        for (int i = 0; i < 7; i++) {
            for (int j = 0; j < 3; j++) {
                h.cloudTrail(ec2("DescribeInstances", "203.0.113." + (10 + j), CLI, T0 + i * 600L + j));
            }
        }
        h.cloudTrail(iam("CreateAccessKey", HOME, CLI, T0 + 100));
        assertThat(h.candidates()).as("nothing while learning").isEmpty();
    }

    @Test
    void knownApiFromNewNetworkAndUserAgentIsAnomalous() {
        learnNormal();
        h.cloudTrail(iam("CreateAccessKey", "198.51.100.7", "python-requests/2.31", AFTER));
        List<FindingCandidate> c = h.candidates();
        assertThat(c).extracting(x -> x.finding().type()).containsExactly("Persistence:IAMUser/AnomalousBehavior");
        var anomaly = c.get(0).finding().service().detection().get("anomaly");
        assertThat(anomaly.at("/unusual/behavior/AIDAEXAMPLE/callerNetwork/observations/text/0").asText())
                .isEqualTo("198.51.0.0/16");
        assertThat(anomaly.at("/unusual/behavior/AIDAEXAMPLE/userAgent/observations/text/0").asText())
                .isEqualTo("python-requests");
        assertThat(anomaly.at("/unusual/behavior/AIDAEXAMPLE").has("api")).isFalse();
        assertThat(anomaly.at("/profiles/AIDAEXAMPLE/callerNetwork/0/observations/text/0").asText())
                .isEqualTo("203.0.0.0/16");
        assertThat(c.get(0).finding().severity()).isEqualTo(5.0);
        assertThat(c.get(0).finding().resource().at("/accessKeyDetails/userName").asText()).isEqualTo("alice");
    }

    @Test
    void newApiWithTacticIsAnomalousAndNormalCallIsNot() {
        learnNormal();
        h.cloudTrail(ec2("DescribeInstances", "203.0.113.99", CLI + " upgraded", AFTER)); // same /16, same product
        assertThat(h.candidates()).isEmpty();
        h.cloudTrail(Records.call("cloudtrail.amazonaws.com", "StopLogging", HOME, CLI, "{}", null, AFTER + 1));
        List<FindingCandidate> c = h.candidates();
        assertThat(c).extracting(x -> x.finding().type()).containsExactly("DefenseEvasion:IAMUser/AnomalousBehavior");
        assertThat(c.get(0).finding().service().detection()
                .at("/anomaly/unusual/behavior/AIDAEXAMPLE/api/observations/text/0").asText())
                .isEqualTo("cloudtrail.amazonaws.com:StopLogging");
        h.cloudTrail(iam("RunUnmappedThing", "198.51.100.7", CLI, AFTER + 2)); // no tactic: not in the table
        assertThat(h.candidates()).isEmpty();
    }

    @Test
    void silentDuringLearning() {
        h.cloudTrail(ec2("DescribeInstances", HOME, CLI, T0));
        h.cloudTrail(iam("CreateAccessKey", "198.51.100.7", "python-requests/2.31", T0 + 60));
        h.cloudTrail(Records.call("cloudtrail.amazonaws.com", "StopLogging", "198.51.100.7", CLI, "{}", null, T0 + 61));
        for (int i = 0; i < 300; i++) {
            h.cloudTrail(ec2("DescribeInstances", HOME, CLI, T0 + 120 + i));
        }
        assertThat(h.candidates()).isEmpty();
    }

    @Test
    void burstOfReadCallsIsDiscovery() {
        learnNormal();
        for (int i = 0; i < 99; i++) {
            h.cloudTrail(ec2("DescribeInstances", HOME, CLI, AFTER + i));
        }
        assertThat(h.candidates()).as("99 calls: below the minimum").isEmpty();
        for (int i = 0; i < 50; i++) {
            h.cloudTrail(ec2("DescribeInstances", HOME, CLI, AFTER + 100 + i));
        }
        List<FindingCandidate> c = h.candidates();
        assertThat(c).extracting(x -> x.finding().type()).containsExactly("Discovery:IAMUser/AnomalousBehavior");
        var anomaly = c.get(0).finding().service().detection().get("anomaly");
        assertThat(anomaly.at("/unusual/behavior/AIDAEXAMPLE/readCallsPerActiveBucket/observations/number/0").asInt())
                .isEqualTo(100);
        assertThat(anomaly.at("/profiles/AIDAEXAMPLE/readCallsPerActiveBucket/0/observations/number/0").asDouble())
                .isBetween(2.0, 4.0);
        assertThat(c.get(0).finding().severity()).isEqualTo(2.0);
    }

    private static CloudTrailRecord instanceCall(String ip, long t) {
        return Records.cloudTrail("""
                {"eventVersion":"1.08","userIdentity":{"type":"AssumedRole","principalId":"AROAEXAMPLE:i-0abc12345678def90",
                "arn":"arn:aws:sts::111111111111:assumed-role/web/i-0abc12345678def90","accountId":"111111111111",
                "accessKeyId":"ASIAEXAMPLE","sessionContext":{"sessionIssuer":{"type":"Role","userName":"web"}}},
                "eventTime":"%s","eventSource":"s3.amazonaws.com","eventName":"ListBuckets","awsRegion":"us-east-1",
                "sourceIPAddress":"%s","userAgent":"aws-sdk-java/2.20","requestParameters":{},"eventID":"ic-%s-%s",
                "eventType":"AwsApiCall"}
                """.formatted(Instant.ofEpochSecond(t), ip, ip, t));
    }

    @Test
    void instanceCredentialsUsedFromAnExternalAddress() {
        h.cloudTrail(instanceCall("54.210.1.2", T0));
        h.cloudTrail(instanceCall("54.210.1.2", T0 + 60));
        h.cloudTrail(instanceCall("ec2.amazonaws.com", T0 + 61));
        h.cloudTrail(instanceCall("10.0.0.5", T0 + 62)); // through a VPC endpoint
        assertThat(h.candidates()).isEmpty();
        h.cloudTrail(instanceCall("198.51.100.7", T0 + 120));
        List<FindingCandidate> c = h.candidates();
        assertThat(c).extracting(x -> x.finding().type())
                .containsExactly("UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS");
        assertThat(c.get(0).finding().severity()).isEqualTo(8.0);
        assertThat(c.get(0).finding().service().detection()
                .at("/anomaly/profiles/AROAEXAMPLE:i-0abc12345678def90/instanceSessionAddresses/0/observations/text/0")
                .asText()).isEqualTo("54.210.1.2");
        h.cloudTrail(instanceCall("54.210.1.2", T0 + 180));
        assertThat(h.candidates()).isEmpty();
    }
}
