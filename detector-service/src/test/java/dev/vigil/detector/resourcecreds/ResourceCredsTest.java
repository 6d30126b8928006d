package dev.vigil.detector.resourcecreds;

import static dev.vigil.detector.streams.Records.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.detector.streams.Harness;
import dev.vigil.detector.streams.Records;
import dev.vigil.events.CloudTrailRecord;
import dev.vigil.events.FindingCandidate;
import dev.vigil.events.Keys;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ResourceCredentialExfiltration: a Lambda function's or ECS task's credentials used outside AWS (OutsideAWS) or from
 * an address or VPC endpoint another account owns (InsideAWS), and their look-alikes. Everything runs on
 * {@code TopologyTestDriver} through the whole detector topology; nothing is mocked.
 */
class ResourceCredsTest {

    private static final String TYPE = "UnauthorizedAccess:IAMUser/ResourceCredentialExfiltration.OutsideAWS";
    private static final String THIEF = "146.70.199.12";   // outside AWS's ranges
    private static final String LAMBDA_IP = "54.210.1.2";  // inside them

    /** The AssumeRole event that the service {@code invokedBy} makes for session {@code name} of role ID AROAFN. */
    private static CloudTrailRecord assumeRole(String invokedBy, String name, long t) {
        return Records.cloudTrail("""
                {"eventVersion":"1.08","userIdentity":{"type":"AWSService","invokedBy":"%s"},"eventTime":"%s",
                "eventSource":"sts.amazonaws.com","eventName":"AssumeRole","awsRegion":"us-east-1",
                "sourceIPAddress":"%s","userAgent":"%s","requestParameters":{"roleArn":
                "arn:aws:iam::111111111111:role/fn-role","roleSessionName":"%s"},"responseElements":{"credentials":
                {"accessKeyId":"ASIAFNEXAMPLE","expiration":"Dec 5, 2026, 11:00:00 PM"},"assumedRoleUser":
                {"assumedRoleId":"AROAFN:%s","arn":"arn:aws:sts::111111111111:assumed-role/fn-role/%s"}},
                "eventID":"ar-%s-%d","eventType":"AwsApiCall","recipientAccountId":"111111111111"}
                """.formatted(invokedBy, Instant.ofEpochSecond(t), invokedBy, invokedBy, name, name, name, name, t));
    }

    /** A call of session {@code name} of role ID AROAFN from {@code ip}. */
    private static CloudTrailRecord call(String name, String ip, long t) {
        return call(name, ip, null, t);
    }

    /** A call of session {@code name} of role ID AROAFN from {@code ip}, through endpoint {@code vpce} if not null. */
    private static CloudTrailRecord call(String name, String ip, String vpce, long t) {
        return Records.cloudTrail("""
                {"eventVersion":"1.08","userIdentity":{"type":"AssumedRole","principalId":"AROAFN:%s","arn":
                "arn:aws:sts::111111111111:assumed-role/fn-role/%s","accountId":"111111111111","accessKeyId":
                "ASIAFNEXAMPLE","sessionContext":{"sessionIssuer":{"type":"Role","principalId":"AROAFN","userName":
                "fn-role"}}},"eventTime":"%s","eventSource":"dynamodb.amazonaws.com","eventName":"Scan",
                "awsRegion":"us-east-1","sourceIPAddress":"%s","userAgent":"aws-cli/2.15.30","requestParameters":{},
                "eventID":"call-%s-%s-%d","eventType":"AwsApiCall"%s}
                """.formatted(name, name, Instant.ofEpochSecond(t), ip, name, ip, t,
                vpce == null ? "" : ",\"vpcEndpointId\":\"" + vpce + "\""));
    }

    /**
     * A call of instance {@code instance}'s role session of {@code account} from {@code ip} (through {@code vpce} if
     * not null): the first such use of an address or endpoint makes it that account's own (the origin stage).
     */
    private static CloudTrailRecord instanceCall(String account, String instance, String ip, String vpce, long t) {
        return Records.instanceSessionCall(account, instance, ip, vpce, t);
    }

    private static List<String> types(List<FindingCandidate> c) {
        return c.stream().map(x -> x.finding().type()).toList();
    }

    @Test
    void lambdaCredentialsUsedOutsideAws() {
        try (Harness h = new Harness()) {
            h.account(Harness.ACCOUNT, "ENABLED");
            h.cloudTrail(assumeRole("lambda.amazonaws.com", "orders-export", T0));
            h.cloudTrail(call("orders-export", LAMBDA_IP, T0 + 5)); // the function itself
            assertThat(h.candidates()).isEmpty();
            h.cloudTrail(call("orders-export", THIEF, T0 + 600));
            List<FindingCandidate> out = h.candidates();
            assertThat(types(out)).containsExactly(TYPE);
            assertThat(out.get(0).finding().severity()).isEqualTo(8.0);
            assertThat(out.get(0).finding().description()).contains("Lambda function orders-export", THIEF);
            assertThat(out.get(0).finding().resource().path("accessKeyDetails").path("accessKeyId").asText())
                    .isEqualTo("ASIAFNEXAMPLE");
        }
    }

    @Test
    void ecsTaskCredentialsUsedOutsideAwsEvenAsTheFirstCall() {
        try (Harness h = new Harness()) {
            h.account(Harness.ACCOUNT, "ENABLED");
            String task = "8f03e41243824aea923aca126495f665";
            h.cloudTrail(assumeRole("ecs-tasks.amazonaws.com", task, T0));
            h.cloudTrail(call(task, THIEF, T0 + 60));
            assertThat(types(h.candidates())).containsExactly(TYPE);
        }
    }

    @Test
    void aCallDeliveredBeforeItsSessionsAssumeRoleIsJudgedWhenTheAssumeRoleArrives() {
        try (Harness h = new Harness()) {
            h.account(Harness.ACCOUNT, "ENABLED");
            h.cloudTrail(call("orders-export", THIEF, T0 + 600)); // delivered first: another partition, another file
            assertThat(h.candidates()).isEmpty();
            h.cloudTrail(assumeRole("lambda.amazonaws.com", "orders-export", T0));
            assertThat(types(h.candidates())).containsExactly(TYPE);
        }
    }

    @Test
    void everyCallHeldBeforeTheAssumeRoleIsJudgedWhenItArrivesUpToTheCap() {
        try (Harness h = new Harness()) {
            h.account(Harness.ACCOUNT, "ENABLED");
            int cap = ResourceCredsTopology.MAX_PENDING;
            for (int i = 1; i <= cap + 1; i++) { // one address each: one finding each (principal|address)
                h.cloudTrail(call("orders-export", "146.70.199." + i, T0 + 600 + i));
            }
            assertThat(h.candidates()).isEmpty();
            assertThat(h.entries(ResourceCredsTopology.PENDING)).isEqualTo(cap);
            assertThat(h.entries(ResourceCredsTopology.HELD)).isEqualTo(1);
            h.cloudTrail(assumeRole("lambda.amazonaws.com", "orders-export", T0));
            List<String> addresses = h.candidates().stream().map(c -> c.finding().description())
                    .map(d -> d.substring(d.indexOf("external IP address ") + 20, d.length() - 1)).toList();
            assertThat(addresses).hasSize(cap).doesNotHaveDuplicates().doesNotContain("146.70.199." + (cap + 1))
                    .allMatch(a -> a.startsWith("146.70.199."));
            assertThat(h.entries(ResourceCredsTopology.PENDING)).isZero();
            assertThat(h.entries(ResourceCredsTopology.HELD)).isZero();
        }
    }

    @Test
    void aListOfCallsHeldByAnEarlierVersionIsJudgedWhenTheAssumeRoleArrives() {
        try (Harness h = new Harness()) {
            h.account(Harness.ACCOUNT, "ENABLED");
            h.cloudTrail(call("orders-export", "146.70.199.7", T0 + 601)); // held in a row of its own
            h.put(ResourceCredsTopology.PENDING, Keys.logKey(Harness.ACCOUNT, "AROAFN:orders-export"),
                    new ResourceCredsTopology.PendingCalls(List.of(new ResourceCredsTopology.SessionEvent(null,
                            call("orders-export", THIEF, T0 + 600).withoutPayloads(), Harness.ACCOUNT,
                            Harness.REGION, Harness.DETECTOR))));
            h.cloudTrail(assumeRole("lambda.amazonaws.com", "orders-export", T0));
            assertThat(h.candidates()).extracting(c -> c.finding().description())
                    .anyMatch(d -> d.contains(THIEF)).anyMatch(d -> d.contains("146.70.199.7")).hasSize(2);
            assertThat(h.entries(ResourceCredsTopology.PENDING)).isZero();
        }
    }

    @Test
    void aCallHeldLongerThanTheLongestSessionIsForgotten() {
        try (Harness h = new Harness()) {
            h.account(Harness.ACCOUNT, "ENABLED");
            h.cloudTrail(call("orders-export", THIEF, T0));
            // another session's call, 13 hours of stream time later, runs the hourly purge
            h.cloudTrail(call("alice-session", THIEF, T0 + 13 * 3600));
            assertThat(h.entries(ResourceCredsTopology.HELD)).isEqualTo(1);
            assertThat(h.entries(ResourceCredsTopology.PENDING)).isEqualTo(1);
            h.cloudTrail(assumeRole("lambda.amazonaws.com", "orders-export", T0 - 60));
            assertThat(types(h.candidates())).doesNotContain(TYPE);
        }
    }

    @Test
    void aHeldCallOfASessionNoLambdaOrEcsCreatedStaysUnreported() {
        try (Harness h = new Harness()) {
            h.account(Harness.ACCOUNT, "ENABLED");
            h.cloudTrail(call("alice-session", THIEF, T0));
            h.cloudTrail(assumeRole("ec2.amazonaws.com", "alice-session", T0 + 5));
            assertThat(types(h.candidates())).doesNotContain(TYPE);
        }
    }

    @Test
    void lookAlikesAreNotReported() {
        try (Harness h = new Harness()) {
            h.account(Harness.ACCOUNT, "ENABLED");
            // a role session no Lambda or ECS created (a person's assumed role) from outside AWS
            h.cloudTrail(call("alice-session", THIEF, T0));
            // the function's calls from inside AWS (its NAT gateway)
            h.cloudTrail(assumeRole("lambda.amazonaws.com", "orders-export", T0 + 10));
            h.cloudTrail(call("orders-export", "52.94.10.1", T0 + 20));
            // a session created by EC2 for an instance profile is the instance rules' business
            h.cloudTrail(assumeRole("ec2.amazonaws.com", "i-0abc12345678def90", T0 + 30));
            // after the credentials' lifetime the session is gone
            h.cloudTrail(call("orders-export", THIEF, T0 + 13 * 3600));
            assertThat(types(h.candidates())).doesNotContain(TYPE);
        }
    }

    private static final String INSIDE = "UnauthorizedAccess:IAMUser/ResourceCredentialExfiltration.InsideAWS";
    private static final String B = "222222222222";
    private static final String B_HOST = "54.210.9.9"; // B's instance's own address, inside AWS's ranges

    @Test
    void lambdaCredentialsUsedFromAnotherAccountsInstanceAreInsideAws() {
        try (Harness h = new Harness()) {
            h.account(Harness.ACCOUNT, "ENABLED");
            h.cloudTrail(instanceCall(B, "i-0bbb2345678def901", B_HOST, null, T0)); // B's instance, its own address
            h.cloudTrail(assumeRole("lambda.amazonaws.com", "orders-export", T0 + 10));
            h.cloudTrail(call("orders-export", LAMBDA_IP, T0 + 20)); // the function itself
            assertThat(h.candidates()).isEmpty();
            h.cloudTrail(call("orders-export", B_HOST, T0 + 600));
            List<FindingCandidate> out = h.candidates();
            assertThat(types(out)).containsExactly(INSIDE);
            var f = out.get(0).finding();
            assertThat(f.severity()).isEqualTo(8.0);
            assertThat(f.accountId()).isEqualTo(Harness.ACCOUNT);
            assertThat(f.description()).contains("Lambda function orders-export", B, B_HOST);
            assertThat(f.resource().path("resourceType").asText()).isEqualTo("AccessKey");
            assertThat(f.resource().at("/accessKeyDetails/accessKeyId").asText()).isEqualTo("ASIAFNEXAMPLE");
            assertThat(f.service().action().path("actionType").asText()).isEqualTo("AWS_API_CALL");
            assertThat(f.service().action().at("/awsApiCallAction/remoteAccountDetails/accountId").asText())
                    .isEqualTo(B);
            assertThat(f.service().action().at("/awsApiCallAction/remoteIpDetails/ipAddressV4").asText())
                    .isEqualTo(B_HOST);
            Harness.requireModelShape(out.get(0));
        }
    }

    @Test
    void ecsTaskCredentialsThroughAnotherAccountsEndpointAreInsideAwsEvenAsTheFirstCall() {
        try (Harness h = new Harness()) {
            h.account(Harness.ACCOUNT, "ENABLED");
            h.cloudTrail(instanceCall(B, "i-0bbb2345678def901", "10.1.2.3", "vpce-0bbb", T0)); // B's endpoint
            String task = "8f03e41243824aea923aca126495f665";
            h.cloudTrail(assumeRole("ecs-tasks.amazonaws.com", task, T0 + 10));
            h.cloudTrail(call(task, "10.1.2.3", "vpce-0bbb", T0 + 60)); // the session's very first call
            List<FindingCandidate> out = h.candidates();
            assertThat(types(out)).containsExactly(INSIDE);
            assertThat(out.get(0).finding().description()).contains("ECS task " + task, "VPC endpoint vpce-0bbb");
        }
    }

    @Test
    void aCallFromInsideAwsDeliveredBeforeItsAssumeRoleIsJudgedWhenItArrives() {
        try (Harness h = new Harness()) {
            h.account(Harness.ACCOUNT, "ENABLED");
            h.cloudTrail(instanceCall(B, "i-0bbb2345678def901", B_HOST, null, T0));
            h.cloudTrail(call("orders-export", B_HOST, T0 + 600));
            assertThat(h.candidates()).isEmpty();
            h.cloudTrail(assumeRole("lambda.amazonaws.com", "orders-export", T0 + 10));
            assertThat(types(h.candidates())).containsExactly(INSIDE);
        }
    }

    @Test
    void insideAwsLookAlikesAreNotReported() {
        try (Harness h = new Harness()) {
            h.account(Harness.ACCOUNT, "ENABLED");
            h.cloudTrail(instanceCall(B, "i-0bbb2345678def901", B_HOST, null, T0));
            // the account's own instance and endpoint: their origins are the function's account's
            h.cloudTrail(instanceCall(Harness.ACCOUNT, "i-0aaa2345678def901", "54.210.1.2", null, T0 + 1));
            h.cloudTrail(instanceCall(Harness.ACCOUNT, "i-0aaa2345678def901", "10.0.0.5", "vpce-0aaa", T0 + 2));
            h.cloudTrail(assumeRole("lambda.amazonaws.com", "orders-export", T0 + 10));
            h.cloudTrail(call("orders-export", LAMBDA_IP, T0 + 20));            // Lambda's own address
            h.cloudTrail(call("orders-export", "52.94.10.1", T0 + 21));         // another AWS address, owner unknown
            h.cloudTrail(call("orders-export", "10.0.0.9", "vpce-0aaa", T0 + 22)); // its account's endpoint
            h.cloudTrail(call("orders-export", "10.9.9.9", "vpce-0ccc", T0 + 23)); // an endpoint nobody claimed
            h.cloudTrail(call("orders-export", "54.210.1.2", T0 + 24));         // its account's instance address
            h.cloudTrail(call("orders-export", "dynamodb.amazonaws.com", T0 + 25)); // an AWS service for it
            // a role session no Lambda or ECS created (a person's assumed role) from B's instance
            h.cloudTrail(call("alice-session", B_HOST, T0 + 30));
            // after the credentials' lifetime the session is gone
            h.cloudTrail(call("orders-export", B_HOST, T0 + 13 * 3600));
            assertThat(types(h.candidates())).doesNotContain(INSIDE, TYPE);
        }
    }
}
