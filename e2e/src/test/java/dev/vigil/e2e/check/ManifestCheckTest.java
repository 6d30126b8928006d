package dev.vigil.e2e.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.e2e.sim.Manifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The manifest verdict: matching by account, type, resource and severity; unexpected HIGH findings; skips. */
class ManifestCheckTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static final Manifest.Scenario TOR = new Manifest.Scenario("tor", "d", "111111111111",
        List.of("UnauthorizedAccess:EC2/TorClient"), Map.of("resourceType", "Instance", "instanceId", "i-1"), 7.0, true,
        false, Map.of(), List.of());
    static final Manifest.Scenario ROOT = new Manifest.Scenario("root", "d", "222222222222",
        List.of("Policy:IAMUser/RootCredentialUsage"), Map.of("resourceType", "AccessKey", "userName", "Root"), 1.0,
        false, false, Map.of(), List.of());
    static final Manifest.Scenario LIST = new Manifest.Scenario("threat-list-ip", "d", "111111111111",
        List.of("UnauthorizedAccess:EC2/MaliciousIPCaller.Custom"), Map.of("resourceType", "Instance", "instanceId", "i-2"),
        4.0, false, true, Map.of(), List.of());
    static final Manifest MANIFEST = new Manifest(1, "s", "e", "a", "us-east-1", "111111111111", "222222222222",
        List.of("1.2.3.4"), "b", List.of(TOR, ROOT, LIST), List.of());

    static FindingView instanceFinding(String account, String type, double severity, String instanceId) {
        return FindingView.of(JSON.valueToTree(Map.of("id", "f-" + type.hashCode(), "accountId", account, "type", type,
            "severity", severity, "title", "t",
            "resource", Map.of("resourceType", "Instance", "instanceDetails", Map.of("instanceId", instanceId)),
            "service", Map.of("count", 3, "eventFirstSeen", "2026-11-29T20:01:00.000Z",
                "eventLastSeen", "2026-11-29T20:09:00.000Z", "archived", false))));
    }

    static FindingView keyFinding(String account, String type, double severity, String user, String key) {
        return FindingView.of(JSON.valueToTree(Map.of("accountId", account, "type", type, "severity", severity,
            "resource", Map.of("resourceType", "AccessKey", "accessKeyDetails", Map.of("userName", user, "accessKeyId", key)),
            "service", Map.of("count", 1))));
    }

    @Test
    void passesWhenEveryScenarioHasAMatchingFinding() {
        List<FindingView> findings = List.of(
            instanceFinding("111111111111", "UnauthorizedAccess:EC2/TorClient", 8.0, "i-1"),
            keyFinding("222222222222", "Policy:IAMUser/RootCredentialUsage", 2.0, "root", "ASIAX"),
            instanceFinding("111111111111", "UnauthorizedAccess:EC2/MaliciousIPCaller.Custom", 5.0, "i-2"),
            instanceFinding("111111111111", "Recon:EC2/Portscan", 5.0, "i-9"));
        ManifestCheck.Result r = ManifestCheck.check(MANIFEST, findings, true);
        assertThat(r.passed()).isTrue();
        assertThat(r.report()).contains("PASS  tor", "PASS  root", "PASS  threat-list-ip").doesNotContain("FAIL");
    }

    @Test
    void failsOnAMissingWrongResourceWrongAccountOrTooLowSeverity() {
        assertThat(ManifestCheck.check(MANIFEST, List.of(), true).missing()).hasSize(3);
        List<FindingView> wrong = new ArrayList<>(List.of(
            instanceFinding("111111111111", "UnauthorizedAccess:EC2/TorClient", 5.0, "i-1"),
            keyFinding("111111111111", "Policy:IAMUser/RootCredentialUsage", 2.0, "Root", "ASIAX"),
            instanceFinding("111111111111", "UnauthorizedAccess:EC2/MaliciousIPCaller.Custom", 5.0, "i-3")));
        ManifestCheck.Result r = ManifestCheck.check(MANIFEST, wrong, true);
        assertThat(r.passed()).isFalse();
        assertThat(r.missing()).extracting(s -> s.scenario().id()).containsExactly("tor", "root", "threat-list-ip");
        assertThat(r.report()).contains("FAIL  tor", "severity 5.0 < 7.0");
    }

    @Test
    void anUnexpectedHighFindingFailsEvenWhenAllScenariosPass() {
        List<FindingView> findings = List.of(
            instanceFinding("111111111111", "UnauthorizedAccess:EC2/TorClient", 8.0, "i-1"),
            keyFinding("222222222222", "Policy:IAMUser/RootCredentialUsage", 2.0, "Root", "ASIAX"),
            instanceFinding("111111111111", "UnauthorizedAccess:EC2/TorClient", 8.0, "i-7"),
            instanceFinding("333333333333", "Backdoor:EC2/C&CActivity.B!DNS", 8.0, "i-8"));
        ManifestCheck.Result r = ManifestCheck.check(MANIFEST, findings, false);
        assertThat(r.missing()).isEmpty();
        assertThat(r.unexpectedHigh()).extracting(FindingView::instanceId).containsExactly("i-8", "i-7");
        assertThat(r.passed()).isFalse();
        assertThat(r.report()).contains("SKIP  threat-list-ip", "FAIL  unexpected HIGH finding");
    }

    @Test
    void findingViewReadsGuardDutyJsonAndRendersTheTable() throws Exception {
        JsonNode f = JSON.readTree("""
            {"id":"abc","accountId":"111111111111","type":"Recon:EC2/Portscan","severity":5,"title":"Unusual outbound port scan",
             "resource":{"resourceType":"Instance","instanceDetails":{"instanceId":"i-0abc"}},
             "service":{"count":7,"eventFirstSeen":"2026-11-29T20:05:00.000Z","eventLastSeen":"2026-11-29T20:06:00.000Z","archived":true}}""");
        FindingView v = FindingView.of(f);
        assertThat(v.level()).isEqualTo("MEDIUM");
        assertThat(v.archived()).isTrue();
        assertThat(new FindingView.Filter(java.util.Set.of(), FindingView.parseSeverity("high"), null, null).test(v)).isFalse();
        assertThat(new FindingView.Filter(java.util.Set.of("Recon:EC2/Portscan"), 4.0, "111111111111", true).test(v)).isTrue();
        assertThat(new FindingView.Filter(java.util.Set.of(), null, "222222222222", null).test(v)).isFalse();
        assertThat(FindingView.table(List.of(v)).render()).isEqualTo("""
            severity       type                account       resource  count  first seen           last seen            title
            -------------  ------------------  ------------  --------  -----  -------------------  -------------------  --------------------------
            MEDIUM    5.0  Recon:EC2/Portscan  111111111111  i-0abc        7  2026-11-29 20:05:00  2026-11-29 20:06:00  Unusual outbound port scan
            """);
    }

    @Test
    void aHighFindingOfNoScenarioUpdatedBeforeTheRunBeganIsAnEarlierWorkloadsAndNotJudged() {
        FindingView earlier = FindingView.of(JSON.valueToTree(Map.of("accountId", "111111111111",
            "type", "Trojan:EC2/DGADomainRequest.B", "severity", 8.0, "updatedAt", "2026-12-06T12:40:00.000Z",
            "resource", Map.of("resourceType", "Instance", "instanceDetails", Map.of("instanceId", "i-bench")))));
        FindingView now = FindingView.of(JSON.valueToTree(Map.of("accountId", "111111111111",
            "type", "Trojan:EC2/DGADomainRequest.B", "severity", 8.0, "updatedAt", "2026-12-06T13:41:00.000Z",
            "resource", Map.of("resourceType", "Instance", "instanceDetails", Map.of("instanceId", "i-demo")))));
        List<FindingView> findings = List.of(
            instanceFinding("111111111111", "UnauthorizedAccess:EC2/TorClient", 8.0, "i-1"),
            keyFinding("222222222222", "Policy:IAMUser/RootCredentialUsage", 2.0, "Root", "ASIAX"),
            earlier, now);
        java.time.Instant runStart = java.time.Instant.parse("2026-12-06T13:40:00Z");

        ManifestCheck.Result r = ManifestCheck.check(MANIFEST, findings, false, runStart);
        assertThat(r.unexpectedHigh()).extracting(FindingView::instanceId).containsExactly("i-demo");
        assertThat(r.earlierHigh()).isEqualTo(1);
        assertThat(r.passed()).isFalse();
        assertThat(r.report()).contains("1 HIGH finding(s) of no scenario, last updated before this run began");

        ManifestCheck.Result withoutNow = ManifestCheck.check(MANIFEST, List.of(findings.get(0), findings.get(1),
            earlier), false, runStart);
        assertThat(withoutNow.unexpectedHigh()).isEmpty();
        assertThat(withoutNow.passed()).isTrue();
        // without a run start every HIGH finding of no scenario is judged, as before
        assertThat(ManifestCheck.check(MANIFEST, findings, false).unexpectedHigh()).hasSize(2);
    }
}
