package dev.vigil.e2e.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.e2e.FakeStack;
import dev.vigil.e2e.CliRunner;
import dev.vigil.e2e.sim.Manifest;
import dev.vigil.e2e.sim.Simulator;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil demo-run --delivery collector} in-process against {@link FakeStack} + {@link FakeGuardDuty} (the
 * delivery through log sources, S3 and SQS is exercised by {@code ./vigil demo} and {@code LogSourcesIT} on the real
 * stack): the setup calls in order
 * (detectors, invitation accepted by the member, threat list uploaded), every simulated file ingested with the
 * collector's token, and the verdict. The fake's "detections" are planted from the manifest (the real detector is
 * exercised by the end-to-end suite); what is tested here is the CLI's orchestration and verdict.
 */
class DemoRunCommandTest {
    static final Instant END = Instant.parse("2026-11-29T18:00:00Z");

    @TempDir
    Path tmp;
    FakeStack stack;
    FakeGuardDuty gd;
    Manifest manifest;
    StringBuilder out = new StringBuilder();

    @BeforeEach
    void start() throws Exception {
        stack = new FakeStack();
        gd = new FakeGuardDuty(stack);
        stack.route("POST /ingest/v1/", c -> new FakeStack.Answer(200, "{\"accepted\":1,\"rejected\":0,\"skipped\":0,\"errors\":[]}"));
        manifest = Simulator.run(new Simulator.Options(42, END, 1, 3, false), tmp.resolve("expected"));
    }

    @AfterEach
    void stop() {
        stack.close();
    }

    int run() {
        return run(tmp.resolve("no-samples"));
    }

    int run(Path samples) {
        CliRunner.Result r = CliRunner.run("demo-run",
            "--keycloak-url", stack.url(), "--accounts-url", stack.url(), "--findings-url", stack.url(),
            "--ingest-url", stack.url(), "--samples", samples.toString(), "--delivery", "collector",
            "--out", tmp.resolve("sim").toString(), "--seed", "42", "--end", END.toString(), "--days", "1",
            "--timeout", "2", "--poll", "1");
        out.append(r.out());
        return r.exit();
    }

    void plantExpectedFindings(String skip) {
        for (Manifest.Scenario s : manifest.scenarios()) {
            if (s.id().equals(skip)) {
                continue;
            }
            String type = s.findingTypes().get(0);
            double severity = Math.max(s.minSeverity(), 2.0);
            if (s.resource().containsKey("instanceId")) {
                gd.addInstanceFinding(s.account(), type, severity, s.resource().get("instanceId"));
            } else {
                gd.addKeyFinding(s.account(), type, severity, s.resource().get("userName"),
                    s.resource().getOrDefault("accessKeyId", "ASIAROOT"));
            }
        }
    }

    @Test
    void setsUpTenantsIngestsEverythingAndPassesWhenAllExpectedFindingsAppear() {
        plantExpectedFindings(null);
        assertThat(run()).isZero();
        String text = out.toString();
        assertThat(gd.detectors).containsOnlyKeys("111111111111", "222222222222", "333333333333");
        assertThat(gd.memberStatus).containsEntry("222222222222", "Enabled");
        assertThat(gd.features.get("111111111111")).containsEntry("S3_DATA_EVENTS", "ENABLED");
        assertThat(gd.threatSets).containsValue(DemoRunCommand.THREAT_SET);
        assertThat(gd.threatSetContent.values()).singleElement().satisfies(c ->
            assertThat(c.lines()).containsExactlyElementsOf(manifest.threatList()));
        assertThat(stack.calls("POST /ingest/v1/")).hasSize(manifest.files().size())
            .allSatisfy(c -> assertThat(c.header("Authorization")).isEqualTo("Bearer tok-vigil-collector"));
        assertThat(stack.calls("POST /detector/det111/administrator")).isEmpty();
        assertThat(stack.calls("POST /detector/det222/administrator")).hasSize(1);
        for (Manifest.Scenario s : manifest.scenarios()) {
            assertThat(text).contains("PASS  " + s.id());
        }
        assertThat(text).contains("Step timings:", "detectors", "ingest simulated", "detection", "DEMO PASSED")
            .doesNotContain("FAIL");
    }

    @Test
    void isIdempotentOnASecondRun() {
        plantExpectedFindings(null);
        assertThat(run()).isZero();
        assertThat(run()).isZero();
        assertThat(gd.createDetectorCalls).isEqualTo(3);
        assertThat(gd.threatSets).hasSize(1);
        assertThat(stack.calls("POST /detector/det222/administrator")).hasSize(1);
    }

    @Test
    void failsWhenAnExpectedFindingIsMissingOrAnUnexpectedHighAppears() {
        plantExpectedFindings("tor");
        gd.addInstanceFinding("111111111111", "Trojan:EC2/BlackholeTraffic", 8.0, "i-0unexpected");
        assertThat(run()).isEqualTo(1);
        assertThat(out.toString()).contains("FAIL  tor", "FAIL  unexpected HIGH finding",
            "Trojan:EC2/BlackholeTraffic", "PASS  port-scan", "DEMO FAILED");
    }

    @Test
    void memberFindingsOnlyCountOnceTheInvitationIsAccepted() {
        plantExpectedFindings(null);
        stack.route("GET /invitation", c -> FakeGuardDuty.ok(java.util.Map.of("invitations", java.util.List.of())));
        assertThat(run()).isEqualTo(1);
        assertThat(gd.memberStatus).containsEntry("222222222222", "Invited");
    }

    @Test
    void toleratesSamplesRefusedForTheirContentButNotServerErrors() throws Exception {
        plantExpectedFindings(null);
        Path samples = tmp.resolve("samples");
        java.nio.file.Files.createDirectories(samples.resolve("cloudtrail/awsdocs"));
        java.nio.file.Files.createDirectories(samples.resolve("vpcflow"));
        java.nio.file.Files.createDirectories(samples.resolve("cloudtrail/lists"));
        java.nio.file.Files.writeString(samples.resolve("cloudtrail/awsdocs/broken.json"), "{\"Records\": [ {\"eventVersion\": \"1.0\",\n");
        java.nio.file.Files.writeString(samples.resolve("cloudtrail/lists/tor.lst"), "1.2.3.4\n");
        java.nio.file.Files.writeString(samples.resolve("vpcflow/a.log"), "2 123456789010 eni-1 1.1.1.1 2.2.2.2 1 2 6 1 1 1 2 ACCEPT OK\n");
        stack.route("POST /ingest/v1/cloudtrail", c -> c.bodyText().contains("\"1.0\",\n")
            ? new FakeStack.Answer(400, "{\"message\":\"invalid JSON at line 2\",\"__type\":\"BadRequestException\"}")
            : new FakeStack.Answer(200, "{\"accepted\":1,\"rejected\":0,\"skipped\":0,\"errors\":[]}"));
        assertThat(run(samples)).isZero();
        assertThat(out.toString()).contains("invalid JSON at line 2", "DEMO PASSED").doesNotContain("tor.lst");

        // the samples' example account is replayed into the administrator's account before it is sent
        stack.route("POST /ingest/v1/flow-logs", c -> c.bodyText().contains("2 111111111111 eni-1")
            ? new FakeStack.Answer(503, "") : new FakeStack.Answer(200, "{\"accepted\":1}"));
        out.setLength(0);
        assertThat(run(samples)).isEqualTo(1);
        assertThat(out.toString()).contains("HTTP 503", "DEMO FAILED");
    }
}
