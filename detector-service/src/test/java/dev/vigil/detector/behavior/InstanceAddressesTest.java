package dev.vigil.detector.behavior;

import static dev.vigil.detector.streams.Records.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.detector.network.AwsIpRanges;
import dev.vigil.detector.rules.Net;
import dev.vigil.detector.streams.Harness;
import dev.vigil.detector.streams.Records;
import dev.vigil.events.CloudTrailRecord;
import dev.vigil.events.FindingCandidate;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The instance-credential rules decide an instance's own addresses from what the logs say about the instance (its
 * interfaces' addresses in flow logs, RunInstances and AssociateAddress), the first address a session uses only as
 * the fallback: a BYOIP address first seen in flow logs is the instance's own, another account's instance known from
 * its flow logs is "inside AWS" even as the session's very first call, and an attacker whose call comes first does
 * not make its address the victim account's. The whole detector topology on {@code TopologyTestDriver}; nothing is
 * mocked.
 */
class InstanceAddressesTest {

    private static final String A = Harness.ACCOUNT;
    private static final String B = "222222222222";
    private static final String OUTSIDE = "UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS";
    private static final String INSIDE = "UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.InsideAWS";
    private static final String A_INSTANCE = "i-0aaa2345678def901";
    private static final String B_INSTANCE = "i-0bbb2345678def901";
    private static final AwsIpRanges AWS = AwsIpRanges.shipped();

    private Harness h;

    @BeforeEach
    void start() {
        h = new Harness();
        h.account(A, "ENABLED");
        h.account(B, "ENABLED");
    }

    @AfterEach
    void stop() {
        h.close();
    }

    /** A call of instance {@code instance}'s role session of {@code account} from {@code ip}. */
    private static CloudTrailRecord sessionCall(String account, String instance, String ip, long t) {
        return Records.instanceSessionCall(account, instance, ip, null, t);
    }

    /** Two flow records of {@code account}'s interface of {@code instance} between {@code own} and two peers. */
    private void flowsOf(String account, String eni, String instance, String own, long t) {
        h.flow(Records.flow(account, eni, instance, own, "2606:4700::6810:84e5", 40000, 443, 6, 10, "ACCEPT", t));
        h.flow(Records.flow(account, eni, instance, "2620:149:af0::10", own, 443, 40001, 6, 10, "ACCEPT", t + 60));
        h.flow(Records.flow(account, eni, instance, own, "2620:149:af0::10", 40001, 443, 6, 10, "ACCEPT", t + 61));
    }

    private List<String> types() {
        return h.candidates().stream().map(c -> c.finding().type())
                .filter(t -> t.contains("CredentialExfiltration")).toList();
    }

    @Test
    void aByoipAddressFirstSeenInFlowLogsIsTheInstancesOwn() {
        String byoip = "2a01:4f8:c17:1::5"; // the account's own IPv6 block, outside AWS's published ranges
        assertThat(AWS.contains(Net.parse(byoip))).isFalse();
        flowsOf(A, "eni-0aaa", A_INSTANCE, byoip, T0);
        h.cloudTrail(sessionCall(A, A_INSTANCE, byoip, T0 + 120)); // the session's first call, from its own address
        h.cloudTrail(sessionCall(A, A_INSTANCE, byoip, T0 + 180));
        assertThat(types()).isEmpty();

        // control: an instance whose flow logs Vigil has not seen is judged by AWS's ranges alone
        h.cloudTrail(sessionCall(A, "i-0ccc2345678def901", "2a01:4f8:c17:2::9", T0 + 240));
        assertThat(types()).containsExactly(OUTSIDE);
    }

    @Test
    void theAttackersFirstCallFromAnotherAccountsInstanceKnownFromItsFlowLogsIsInsideAws() {
        String bHost = "2600:1f18:4a3:6b00::10"; // B's instance, inside AWS's ranges
        String aHost = "2600:1f18:4a3:6c00::20";
        assertThat(AWS.contains(Net.parse(bHost))).isTrue();
        flowsOf(B, "eni-0bbb", B_INSTANCE, bHost, T0);
        flowsOf(A, "eni-0aaa", A_INSTANCE, aHost, T0);
        h.cloudTrail(sessionCall(A, A_INSTANCE, bHost, T0 + 300)); // the session's very first call: the attacker's
        List<FindingCandidate> c = h.candidates().stream()
                .filter(x -> x.finding().type().contains("CredentialExfiltration")).toList();
        assertThat(c).extracting(x -> x.finding().type()).containsExactly(INSIDE);
        assertThat(c.get(0).finding().service().action().at("/awsApiCallAction/remoteAccountDetails/accountId")
                .asText()).isEqualTo(B);
        h.cloudTrail(sessionCall(A, A_INSTANCE, aHost, T0 + 360)); // the instance itself
        assertThat(types()).isEmpty();
    }

    @Test
    void anAttackerWhoseCallComesFirstDoesNotMakeItsAddressTheVictimAccounts() {
        // A's instance is known from its launch: RunInstances names its public IPv4 and IPv6 addresses
        h.cloudTrail(runInstances(A, A_INSTANCE, "54.210.1.2", "2600:1f18:4a3:6c00::20", T0));
        String attacker = "54.210.7.7"; // B's instance, not yet known to be B's
        h.cloudTrail(sessionCall(A, A_INSTANCE, attacker, T0 + 60)); // the session's first call
        h.cloudTrail(sessionCall(A, A_INSTANCE, "54.210.1.2", T0 + 120)); // the instance itself
        assertThat(types()).as("inside AWS, owner unknown: no account to name").isEmpty();
        // B's own instance session uses its address: with the attacker's call taken for A's, B would be reported as
        // using A's address (InsideAWS against B, naming A)
        h.cloudTrail(sessionCall(B, B_INSTANCE, attacker, T0 + 180));
        assertThat(types()).isEmpty();
        // now that the address is known to be B's, the thief's next call is reported, naming B
        h.cloudTrail(sessionCall(A, A_INSTANCE, attacker, T0 + 240));
        List<FindingCandidate> c = h.candidates().stream()
                .filter(x -> x.finding().type().contains("CredentialExfiltration")).toList();
        assertThat(c).extracting(x -> x.finding().type()).containsExactly(INSIDE);
        assertThat(c.get(0).finding().service().action().at("/awsApiCallAction/remoteAccountDetails/accountId")
                .asText()).isEqualTo(B);
    }

    /** {@code account}'s RunInstances response for {@code instance} with its public IPv4 and IPv6 addresses. */
    private static CloudTrailRecord runInstances(String account, String instance, String ipv4, String ipv6, long t) {
        return Records.cloudTrail("""
                {"eventVersion":"1.08","userIdentity":{"type":"IAMUser","principalId":"AIDAOPS","arn":
                "arn:aws:iam::%s:user/ops","accountId":"%s","accessKeyId":"AKIAOPS","userName":"ops"},
                "eventTime":"%s","eventSource":"ec2.amazonaws.com","eventName":"RunInstances",
                "awsRegion":"us-east-1","sourceIPAddress":"203.0.113.10","userAgent":"aws-cli/2.15.30",
                "requestParameters":{},"responseElements":{"instancesSet":{"items":[{"instanceId":"%s",
                "ipAddress":"%s","networkInterfaceSet":{"items":[{"networkInterfaceId":"eni-0aaa",
                "ipv6AddressesSet":{"items":[{"ipv6Address":"%s"}]}}]}}]}},"eventID":"run-%s-%d",
                "eventType":"AwsApiCall"}
                """.formatted(account, account, Instant.ofEpochSecond(t), instance, ipv4, ipv6, instance, t));
    }
}
