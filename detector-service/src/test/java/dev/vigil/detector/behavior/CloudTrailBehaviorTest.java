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
        return sessionCall(A, "i-0abc12345678def90", ip, null, t);
    }

    @Test
    void instanceCredentialsUsedFromAnExternalAddress() {
        h.cloudTrail(instanceCall("54.210.1.2", T0));
        h.cloudTrail(instanceCall("54.210.1.2", T0 + 60));
        h.cloudTrail(instanceCall("ec2.amazonaws.com", T0 + 61));
        h.cloudTrail(instanceCall("10.0.0.5", T0 + 62)); // a private address, no endpoint named: not judged
        assertThat(h.candidates()).isEmpty();
        h.cloudTrail(instanceCall("198.51.100.7", T0 + 120));
        List<FindingCandidate> c = h.candidates();
        assertThat(c).extracting(x -> x.finding().type())
                .containsExactly("UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS");
        assertThat(c.get(0).finding().severity()).isEqualTo(8.0);
        assertThat(c.get(0).finding().service().detection()
                .at("/anomaly/profiles/AROA" + A + ":i-0abc12345678def90/instanceSessionAddresses/0/observations/text/0")
                .asText()).isEqualTo("54.210.1.2");
        h.cloudTrail(instanceCall("54.210.1.2", T0 + 180));
        assertThat(h.candidates()).isEmpty();
    }

    /** A ListBuckets call of instance {@code instance}'s role session in {@code account}, optionally through an endpoint. */
    private static CloudTrailRecord sessionCall(String account, String instance, String ip, String vpce, long t) {
        return Records.cloudTrail("""
                {"eventVersion":"1.08","userIdentity":{"type":"AssumedRole","principalId":"AROA%s:%s",
                "arn":"arn:aws:sts::%s:assumed-role/web/%s","accountId":"%s",
                "accessKeyId":"ASIA%s","sessionContext":{"sessionIssuer":{"type":"Role","userName":"web"}}},
                "eventTime":"%s","eventSource":"s3.amazonaws.com","eventName":"ListBuckets","awsRegion":"us-east-1",
                "sourceIPAddress":"%s","userAgent":"aws-sdk-java/2.20","requestParameters":{},"eventID":"sc-%s-%s-%s",
                "eventType":"AwsApiCall"%s}
                """.formatted(account, instance, account, instance, account, account, Instant.ofEpochSecond(t), ip,
                instance, ip, t, vpce == null ? "" : ",\"vpcEndpointId\":\"" + vpce + "\""));
    }

    private static final String A = "111111111111";
    private static final String B = "222222222222";

    @Test
    void instanceCredentialsUsedFromAnotherAccountsInstanceAreInsideAws() {
        h.cloudTrail(sessionCall(B, "i-0bbb2345678def901", "54.210.9.9", null, T0)); // B's instance, its own address
        h.cloudTrail(sessionCall(A, "i-0abc12345678def90", "54.210.1.2", null, T0 + 10)); // A's instance, its own
        h.cloudTrail(sessionCall(A, "i-0abc12345678def90", "54.210.1.2", null, T0 + 20));
        assertThat(h.candidates()).isEmpty();

        h.cloudTrail(sessionCall(A, "i-0abc12345678def90", "54.210.9.9", null, T0 + 60)); // from B's instance
        List<FindingCandidate> c = h.candidates();
        assertThat(c).extracting(x -> x.finding().type())
                .containsExactly("UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.InsideAWS");
        var f = c.get(0).finding();
        assertThat(f.severity()).isEqualTo(8.0);
        assertThat(f.accountId()).isEqualTo(A);
        assertThat(f.service().action().at("/awsApiCallAction/remoteAccountDetails/accountId").asText()).isEqualTo(B);
        assertThat(f.service().action().at("/awsApiCallAction/remoteIpDetails/ipAddressV4").asText())
                .isEqualTo("54.210.9.9");
        assertThat(f.resource().at("/accessKeyDetails/principalId").asText()).isEqualTo("AROA" + A + ":i-0abc12345678def90");
        var anomaly = f.service().detection().get("anomaly");
        assertThat(anomaly.at("/unusual/behavior/AROA" + A + ":i-0abc12345678def90/remoteAccountId/observations/text/0")
                .asText()).isEqualTo(B);
        assertThat(anomaly.at("/profiles/AROA" + A + ":i-0abc12345678def90/instanceSessionAddresses/0/observations/text/0")
                .asText()).isEqualTo("54.210.1.2");
    }

    @Test
    void instanceCredentialsThroughAnotherAccountsVpcEndpointAreInsideAws() {
        h.cloudTrail(sessionCall(B, "i-0bbb2345678def901", "10.1.2.3", "vpce-0bbb", T0)); // B's endpoint
        h.cloudTrail(sessionCall(A, "i-0abc12345678def90", "10.0.0.5", "vpce-0aaa", T0 + 10)); // A's endpoint
        h.cloudTrail(sessionCall(A, "i-0abc12345678def90", "10.9.9.9", "vpce-0ccc", T0 + 20)); // nobody's: not judged
        assertThat(h.candidates()).isEmpty();
        h.cloudTrail(sessionCall(A, "i-0abc12345678def90", "10.1.2.3", "vpce-0bbb", T0 + 60));
        List<FindingCandidate> c = h.candidates();
        assertThat(c).extracting(x -> x.finding().type())
                .containsExactly("UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.InsideAWS");
        assertThat(c.get(0).finding().service().action().at("/awsApiCallAction/remoteAccountDetails/accountId")
                .asText()).isEqualTo(B);
    }

    @Test
    void sameAccountOriginsAndUnownedAddressesAreNotInsideAws() {
        h.cloudTrail(sessionCall(A, "i-0abc12345678def90", "54.210.1.2", null, T0));
        h.cloudTrail(sessionCall(A, "i-0abd12345678def90", "54.210.5.5", null, T0 + 5));
        // another instance of the same account: an address of A's own, not another account's, and not outside AWS
        h.cloudTrail(sessionCall(A, "i-0abc12345678def90", "54.210.5.5", null, T0 + 10));
        assertThat(h.candidates()).isEmpty();
        // an address no instance uses as its own: outside AWS, not inside
        h.cloudTrail(sessionCall(A, "i-0abc12345678def90", "198.51.100.7", null, T0 + 60));
        assertThat(h.candidates()).extracting(x -> x.finding().type())
                .containsExactly("UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS");
        // B's session first used from the address A's instance owns: B's credentials are used from A's instance
        h.cloudTrail(sessionCall(B, "i-0bbb2345678def901", "54.210.1.2", null, T0 + 120));
        List<FindingCandidate> c = h.candidates();
        assertThat(c).extracting(x -> x.finding().type())
                .containsExactly("UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.InsideAWS");
        assertThat(c.get(0).finding().service().action().at("/awsApiCallAction/remoteAccountDetails/accountId")
                .asText()).isEqualTo(A);
    }
}
