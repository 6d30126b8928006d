package dev.vigil.detector.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.detector.network.AwsIpRanges;
import dev.vigil.detector.rules.Net;
import dev.vigil.detector.streams.Records;
import dev.vigil.events.CloudTrailRecord;
import dev.vigil.events.FindingCandidate;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Instance credentials when the attacker's call comes first, and the addresses CloudTrail ties to an account
 * (AllocateAddress, AssociateAddress, RunInstances) against AWS's published ranges.
 */
class AttackerFirstTest extends BehaviorTestBase {

    private static final String A = "111111111111";
    private static final String B = "222222222222";
    private static final String OWN = "54.210.1.2";          // in AWS's ranges (us-east-1 EC2)
    private static final String ATTACKER = "198.51.100.7";   // outside them

    private static CloudTrailRecord sessionCall(String account, String ip, long t) {
        return Records.cloudTrail("""
                {"eventVersion":"1.08","userIdentity":{"type":"AssumedRole","principalId":"AROA%s:i-0abc12345678def90",
                "arn":"arn:aws:sts::%s:assumed-role/web/i-0abc12345678def90","accountId":"%s",
                "accessKeyId":"ASIA%s","sessionContext":{"sessionIssuer":{"type":"Role","userName":"web"}}},
                "eventTime":"%s","eventSource":"s3.amazonaws.com","eventName":"ListBuckets","awsRegion":"us-east-1",
                "sourceIPAddress":"%s","userAgent":"aws-sdk-java/2.20","requestParameters":{},"eventID":"af-%s-%d",
                "eventType":"AwsApiCall"}
                """.formatted(account, account, account, account, Instant.ofEpochSecond(t), ip, ip, t));
    }

    /** A successful EC2 call of IAM user alice with the given request and response. */
    private static CloudTrailRecord ec2(String name, String request, String response, long t) {
        return Records.cloudTrail("""
                {"eventVersion":"1.08","userIdentity":{"type":"IAMUser","principalId":"AIDAEXAMPLE","arn":
                "arn:aws:iam::111111111111:user/alice","accountId":"111111111111","accessKeyId":"AKIAEXAMPLE",
                "userName":"alice"},"eventTime":"%s","eventSource":"ec2.amazonaws.com","eventName":"%s",
                "awsRegion":"us-east-1","sourceIPAddress":"203.0.113.10","userAgent":"aws-cli/2.13",
                "requestParameters":%s,"responseElements":%s,"eventID":"ec2-%s-%d","eventType":"AwsApiCall"}
                """.formatted(Instant.ofEpochSecond(t), name, request, response, name, t));
    }

    private static List<String> types(List<FindingCandidate> c) {
        return c.stream().map(x -> x.finding().type()).toList();
    }

    @Test
    void theShippedRangesHoldEc2AddressesAndNotOthers() {
        AwsIpRanges aws = AwsIpRanges.shipped();
        assertThat(aws.size()).isGreaterThan(3000);
        assertThat(aws.version()).contains("syncToken 1787411825");
        assertThat(aws.contains(Net.parse(OWN))).isTrue();
        assertThat(aws.contains(Net.parse("3.84.20.3"))).isTrue();
        assertThat(aws.contains(Net.parse(ATTACKER))).isFalse();
        assertThat(aws.contains(Net.parse("146.70.199.12"))).isFalse();
    }

    @Test
    void theAttackersCallFirstIsReportedAndTheInstancesOwnAfterwardsIsNot() {
        h.cloudTrail(sessionCall(A, ATTACKER, T0));
        List<FindingCandidate> first = h.candidates();
        assertThat(types(first)).containsExactly(CloudTrailBehavior.OUTSIDE_AWS);
        assertThat(first.get(0).finding().service().action().at("/awsApiCallAction/remoteIpDetails/ipAddressV4")
                .asText()).isEqualTo(ATTACKER);
        h.cloudTrail(sessionCall(A, OWN, T0 + 30));
        h.cloudTrail(sessionCall(A, OWN, T0 + 60));
        assertThat(h.candidates()).isEmpty();
        h.cloudTrail(sessionCall(A, "146.70.199.12", T0 + 90));
        assertThat(types(h.candidates())).containsExactly(CloudTrailBehavior.OUTSIDE_AWS);
    }

    @Test
    void anotherAddressInsideAwsIsNeverOutsideAws() {
        h.cloudTrail(sessionCall(A, OWN, T0));
        h.cloudTrail(sessionCall(A, "52.94.10.1", T0 + 30)); // e.g. the subnet's NAT gateway: inside AWS, owner unknown
        assertThat(h.candidates()).isEmpty();
    }

    @Test
    void anElasticIpTheAccountBroughtIsItsOwnEvenOutsideAwsRanges() {
        // BYOIP: the account allocates 198.51.100.50 from its own pool, then the instance calls from it first
        h.cloudTrail(ec2("AllocateAddress", "{\"domain\":\"vpc\",\"publicIpv4Pool\":\"ipv4pool-ec2-0abc\"}",
                "{\"publicIp\":\"198.51.100.50\",\"allocationId\":\"eipalloc-0abc\",\"domain\":\"vpc\"}", T0));
        h.cloudTrail(sessionCall(A, "198.51.100.50", T0 + 30));
        assertThat(h.candidates()).isEmpty();
        // a failed allocation claims nothing
        h.cloudTrail(Records.cloudTrail("""
                {"eventVersion":"1.08","userIdentity":{"type":"IAMUser","principalId":"AIDAEXAMPLE",
                "accountId":"111111111111","userName":"alice"},"eventTime":"%s","eventSource":"ec2.amazonaws.com",
                "eventName":"AssociateAddress","awsRegion":"us-east-1","sourceIPAddress":"203.0.113.10",
                "requestParameters":{"publicIp":"198.51.100.60","instanceId":"i-0abc12345678def90"},
                "errorCode":"Client.UnauthorizedOperation","eventID":"ec2-fail","eventType":"AwsApiCall"}
                """.formatted(Instant.ofEpochSecond(T0 + 40))));
        h.cloudTrail(sessionCall(A, "198.51.100.60", T0 + 50));
        assertThat(types(h.candidates())).containsExactly(CloudTrailBehavior.OUTSIDE_AWS);
    }

    @Test
    void anAddressAnotherAccountClaimedMakesItInsideAws() {
        // account 111 launches an instance whose response carries its public address
        h.cloudTrail(ec2("RunInstances", "{\"instanceType\":\"t3.micro\"}", """
                {"instancesSet":{"items":[{"instanceId":"i-0fff","networkInterfaceSet":{"items":[
                {"networkInterfaceId":"eni-0fff","association":{"publicIp":"54.210.77.7"}}]}}]}}""", T0));
        // account 222's instance credentials used from that address
        h.cloudTrail(sessionCall(B, "54.210.1.9", T0 + 10)); // B's own
        h.cloudTrail(sessionCall(B, "54.210.77.7", T0 + 20));
        List<FindingCandidate> c = h.candidates();
        assertThat(types(c)).containsExactly(CloudTrailBehavior.INSIDE_AWS);
        assertThat(c.get(0).finding().service().action().at("/awsApiCallAction/remoteAccountDetails/accountId")
                .asText()).isEqualTo(A);
    }
}
