package dev.vigil.e2e.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.e2e.FakeStack;
import dev.vigil.e2e.CliRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code vigil findings} in-process against {@link FakeGuardDuty}: pagination, filters, table and JSON output. */
class FindingsCommandTest {
    FakeStack stack;
    FakeGuardDuty gd;
    StringBuilder out = new StringBuilder();

    @BeforeEach
    void start() throws Exception {
        stack = new FakeStack();
        gd = new FakeGuardDuty(stack);
        gd.detectors.put("111111111111", "det111");
        gd.memberStatus.put("222222222222", "Enabled");
        gd.addInstanceFinding("111111111111", "Recon:EC2/Portscan", 5.0, "i-1");
        gd.addInstanceFinding("111111111111", "UnauthorizedAccess:EC2/TorClient", 8.0, "i-2");
        gd.addKeyFinding("222222222222", "PenTest:IAMUser/KaliLinux", 5.0, "dev-222", "AKIA1");
        gd.addInstanceFinding("333333333333", "Backdoor:EC2/C&CActivity.B!DNS", 8.0, "i-3");
        gd.addInstanceFinding("111111111111", "Policy:IAMUser/RootCredentialUsage", 2.0, "i-4");
    }

    @AfterEach
    void stop() {
        stack.close();
    }

    int run(String... args) {
        String[] common = {"findings", "--keycloak-url", stack.url(), "--accounts-url", stack.url(), "--findings-url", stack.url()};
        String[] all = new String[args.length + common.length];
        System.arraycopy(common, 0, all, 0, common.length);
        System.arraycopy(args, 0, all, common.length, args.length);
        CliRunner.Result r = CliRunner.run(all);
        out.append(r.out());
        return r.exit();
    }

    @Test
    void printsEveryPageIncludingMemberFindingsSortedBySeverity() {
        assertThat(run()).isZero();
        String text = out.toString();
        assertThat(stack.calls("POST /detector/det111/findings")).hasSizeGreaterThanOrEqualTo(3);
        assertThat(text).contains("UnauthorizedAccess:EC2/TorClient", "Recon:EC2/Portscan", "PenTest:IAMUser/KaliLinux",
            "dev-222/AKIA1", "4 finding(s)").doesNotContain("C&CActivity");
        assertThat(text.indexOf("HIGH")).isLessThan(text.indexOf("MEDIUM")).isLessThan(text.indexOf("LOW "));
        assertThat(stack.calls("POST /detector/det111/findings").get(0).bodyText())
            .contains("\"service.archived\":{\"eq\":[\"false\"]}");
    }

    @Test
    void filtersByTypeSeverityAndAccount() {
        assertThat(run("--min-severity", "high")).isZero();
        assertThat(out.toString()).contains("TorClient", "1 finding(s)");
        out.setLength(0);
        assertThat(run("--account", "222222222222")).isZero();
        assertThat(out.toString()).contains("KaliLinux", "1 finding(s)");
        out.setLength(0);
        assertThat(run("--type", "Recon:EC2/Portscan,Policy:IAMUser/RootCredentialUsage", "--min-severity", "4")).isZero();
        assertThat(out.toString()).contains("Portscan", "1 finding(s)");
    }

    @Test
    void jsonOutputIsTheGuardDutyFindingArray() throws Exception {
        assertThat(run("--json", "--type", "PenTest:IAMUser/KaliLinux")).isZero();
        JsonNode arr = new ObjectMapper().readTree(out.toString());
        assertThat(arr.isArray()).isTrue();
        assertThat(arr).hasSize(1);
        assertThat(arr.get(0).path("resource").path("accessKeyDetails").path("userName").asText()).isEqualTo("dev-222");
    }

    @Test
    void aTenantWithoutDetectorGetsExitCode1() {
        assertThat(run("--user", "admin-333")).isEqualTo(1);
    }
}
