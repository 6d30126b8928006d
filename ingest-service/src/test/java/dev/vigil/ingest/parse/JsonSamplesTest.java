package dev.vigil.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.vigil.events.CloudTrailRecord;
import dev.vigil.events.DnsLogRecord;
import dev.vigil.events.Json;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The real DNS and CloudTrail files of ../shared/samples give what their README predicts. */
class JsonSamplesTest {

    static final ParseContext CTX = ParseContext.of(null, "us-east-1", 1_800_000_000_000L);

    static Collected<DnsLogRecord> dns(String file) {
        Collected<DnsLogRecord> c = new Collected<>();
        c.outcome = new DnsLogParser().parse(Samples.read("dns/" + file), CTX, c);
        return c;
    }

    static Collected<CloudTrailRecord> cloudTrail(byte[] body) {
        Collected<CloudTrailRecord> c = new Collected<>();
        c.outcome = new CloudTrailParser().parse(body, CTX, c);
        return c;
    }

    @Test
    void resolverSamples() {
        Collected<DnsLogRecord> route53 = dns("elastic/test-route53.log");
        assertThat(route53.errors).isEmpty();
        assertThat(route53.records).hasSize(34);
        assertThat(route53.records).filteredOn(r -> "BLOCK".equals(r.firewallRuleAction())).hasSize(1);
        assertThat(route53.records).filteredOn(r -> r.instanceId() == null).hasSize(29);
        assertThat(route53.records.get(33).queryName()).endsWith("ip6.arpa");
        assertThat(dns("awsdocs/resolver-query-log-firewall-block.jsonl").only().firewallRuleGroupId())
                .isEqualTo("rslvr-frg-01234567890abcdef");
        DnsLogRecord pretty = dns("awsdocs/resolver-query-log-firewall-block-pretty.json").only();
        assertThat(pretty.queryName()).isEqualTo("15.3.4.32.in-addr.arpa.");
        assertThat(pretty.accountId()).isEqualTo("111122223333");
    }

    @Test
    void publicHostedZoneLogIsNotResolverFormat() {
        Collected<DnsLogRecord> c = dns("awsdocs/public-hosted-zone-query-log-NOT-resolver-format.log");
        assertThat(c.outcome.recognised()).isFalse();
        assertThat(c.outcome.reason()).contains("not Route 53 Resolver query logs");
        assertThat(c.records).isEmpty();
    }

    @ParameterizedTest(name = "{0}: {1} accepted, {2} skipped")
    @CsvSource({
            "awsdocs/123456789012_CloudTrail-Insight_us-east-1_20191114T0055Z_EXAMPLEexample02.json.gz, 0, 2",
            "awsdocs/123456789012_CloudTrail_us-east-2_20160714T1920Z_EXAMPLEexample01.json.gz, 1, 0",
            "awsdocs/records-ec2-createkeypair.json, 1, 0",
            "awsdocs/records-ec2-startinstances.json, 1, 0",
            "awsdocs/records-iam-createuser.json, 1, 0",
            "awsdocs/records-insight-start-end.json, 0, 2",
            "awsdocs/service-event-kms-rotatekey.json, 1, 0",
            "awsdocs/signin-root-failed.json, 1, 0",
            "awsdocs/signin-root-success-mfa.json, 1, 0",
            "elastic/test-assume-role-aws-service-json.log, 1, 0",
            "elastic/test-cloudtrail-digest-json.log, 0, 1",
            "elastic/test-us-gov-arn.log, 1, 0",
            "stratus/aws.credential-access.ec2-get-password-data.json, 34, 0",
            "stratus/aws.execution.ssm-send-command.json, 56, 0",
            "stratus/aws.impact.bedrock-invoke-model.json, 15, 0",
            "stratus/aws.defense-evasion.dns-delete-logs.json, 1, 0"})
    void cloudTrailFiles(String file, int accepted, int skipped) {
        Collected<CloudTrailRecord> c = cloudTrail(Samples.read("cloudtrail/" + file));
        assertThat(c.outcome.recognised()).isTrue();
        assertThat(c.errors).isEmpty();
        assertThat(c.records).hasSize(accepted);
        assertThat(c.skipped).hasSize(skipped);
    }

    @Test
    void invalidJsonFileIsRefusedAsAWhole() {
        Collected<CloudTrailRecord> c = cloudTrail(Samples.read("cloudtrail/awsdocs/records-iam-createrole-INVALID-JSON.json"));
        assertThat(c.outcome.recognised()).isFalse();
        assertThat(c.outcome.reason()).contains("invalid JSON at line 19");
        assertThat(c.records).isEmpty();
    }

    @Test
    void hostNamesAndNonIpSourcesAreKeptAsStrings() {
        assertThat(cloudTrail(Samples.read("cloudtrail/elastic/test-assume-role-aws-service-json.log")).only()
                .sourceIPAddress()).isEqualTo("ec2.amazonaws.com");
        CloudTrailRecord kms = cloudTrail(Samples.read("cloudtrail/awsdocs/service-event-kms-rotatekey.json")).only();
        assertThat(kms.sourceIPAddress()).isEqualTo("AWS Internal");
        assertThat(kms.userIdentity().type()).isNull();
        assertThat(cloudTrail(Samples.read("cloudtrail/stratus/aws.defense-evasion.dns-delete-logs.json")).only()
                .sourceIPAddress()).isEqualTo("251.234.045.249");
    }

    @ParameterizedTest(name = "{0}: {1} accepted, {2} rejected")
    @CsvSource({
            "aws_root_activity, 5, 1",
            "aws_resource_made_public, 5, 9",
            "aws_iam_user_recon_denied, 4, 0",
            "aws_key_compromised, 2, 0",
            "aws_cloudtrail_password_spraying, 0, 4"})
    void pantherTestEventsAsOneArray(String rule, int accepted, int rejected) throws IOException {
        JsonNode tests = Json.MAPPER.readTree(Samples.read("cloudtrail/panther/" + rule + ".tests.json")).get("tests");
        ArrayNode logs = Json.MAPPER.createArrayNode();
        tests.forEach(t -> logs.add(t.get("log")));
        Collected<CloudTrailRecord> c = cloudTrail(Json.MAPPER.writeValueAsBytes(logs));
        assertThat(c.records).as("errors %s", c.errors).hasSize(accepted);
        assertThat(c.errors).hasSize(rejected);
    }

    @Test
    void streamAlertEnvelopesAndRecords() throws IOException {
        JsonNode critical = Json.MAPPER.readTree(Samples.read("cloudtrail/streamalert/cloudtrail_critical_api_calls.tests.json"));
        ArrayNode bodies = Json.MAPPER.createArrayNode();
        critical.forEach(t -> bodies.add(t.get("data")));
        // a sequence of {"Records":[...]} files, one per line
        StringBuilder sb = new StringBuilder();
        bodies.forEach(b -> sb.append(b.toString()).append('\n'));
        Collected<CloudTrailRecord> c = cloudTrail(sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(c.records).hasSize(15);
        assertThat(c.records).extracting(CloudTrailRecord::eventName).contains("StopLogging", "DeleteFlowLogs");

        JsonNode root = Json.MAPPER.readTree(Samples.read("cloudtrail/streamalert/cloudtrail_root_account_usage.tests.json"));
        Collected<CloudTrailRecord> env = cloudTrail(Json.MAPPER.writeValueAsBytes(root.get(0).get("data")));
        assertThat(env.errors).singleElement()
                .satisfies(e -> assertThat(e.reason()).startsWith("recipientAccountId: '12345'"));
    }
}
