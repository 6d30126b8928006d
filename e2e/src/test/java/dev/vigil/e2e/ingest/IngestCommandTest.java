package dev.vigil.e2e.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.e2e.FakeStack;
import dev.vigil.e2e.CliRunner;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil ingest} in-process against {@link FakeStack} (a stub Keycloak token endpoint and ingest API on
 * loopback): endpoint choice, gzip handling, region, tokens, 415 content-type fallback, summary and exit codes.
 */
class IngestCommandTest {
    @TempDir
    Path tmp;
    FakeStack stack;
    StringBuilder out = new StringBuilder();

    @BeforeEach
    void start() throws Exception {
        stack = new FakeStack();
        stack.route("POST /ingest/v1/", c -> new FakeStack.Answer(200,
            "{\"accepted\":3,\"rejected\":1,\"skipped\":0,\"errors\":[{\"line\":4,\"reason\":\"bad srcaddr\"}]}"));
    }

    @AfterEach
    void stop() {
        stack.close();
    }

    int run(String... args) {
        String[] common = {"--keycloak-url", stack.url(), "--ingest-url", stack.url()};
        String[] all = new String[args.length + common.length + 1];
        all[0] = "ingest";
        System.arraycopy(common, 0, all, 1, common.length);
        System.arraycopy(args, 0, all, 1 + common.length, args.length);
        CliRunner.Result r = CliRunner.run(all);
        out.append(r.out());
        return r.exit();
    }

    @Test
    void postsEachFileToItsEndpointWithTheUsersToken() throws Exception {
        Path flow = tmp.resolve("AWSLogs/1/vpcflowlogs/x/111111111111_vpcflowlogs_eu-west-1_fl-1_20261129T0000Z_ab.log.gz");
        Files.createDirectories(flow.getParent());
        try (OutputStream z = new GZIPOutputStream(Files.newOutputStream(flow))) {
            z.write("version account-id interface-id srcaddr dstaddr\n".getBytes());
        }
        Path ct = tmp.resolve("trail.json.gz");
        try (OutputStream z = new GZIPOutputStream(Files.newOutputStream(ct))) {
            z.write("{\"Records\":[]}".getBytes());
        }
        Path dns = tmp.resolve("q.jsonl");
        Files.writeString(dns, "{\"query_name\":\"a.example.\"}\n");
        Files.writeString(tmp.resolve("README.md"), "# not a log");

        assertThat(run(tmp.toString())).isZero();

        List<FakeStack.Call> flows = stack.calls("POST /ingest/v1/flow-logs");
        assertThat(flows).hasSize(1);
        assertThat(flows.get(0).query()).isEqualTo("region=eu-west-1");
        assertThat(flows.get(0).header("Content-Encoding")).isEqualTo("gzip");
        assertThat(flows.get(0).header("Authorization")).isEqualTo("Bearer tok-ingest-111");
        FakeStack.Call trail = stack.calls("POST /ingest/v1/cloudtrail").get(0);
        assertThat(trail.bodyText()).as("gzip CloudTrail is inflated").isEqualTo("{\"Records\":[]}");
        assertThat(trail.header("Content-Encoding")).isNull();
        assertThat(stack.calls("POST /ingest/v1/dns-logs")).hasSize(1);
        assertThat(stack.calls("POST /ingest/v1/")).hasSize(3);
        String summary = out.toString();
        assertThat(summary).contains("line 4: bad srcaddr").containsPattern("TOTAL \\(3 files\\)\\s+9\\s+3\\s+0");
    }

    @Test
    void collectorClientUsesClientCredentials() throws Exception {
        Path dns = tmp.resolve("q.jsonl");
        Files.writeString(dns, "{\"query_name\":\"a.example.\"}\n");
        assertThat(run("--client", "vigil-collector", "--secret", "s3cret", dns.toString())).isZero();
        FakeStack.Call token = stack.calls("POST /realms/vigil/protocol/openid-connect/token").get(0);
        assertThat(token.bodyText()).contains("grant_type=client_credentials", "client_id=vigil-collector",
            "client_secret=s3cret");
        assertThat(stack.calls("POST /ingest/v1/dns-logs").get(0).header("Authorization")).isEqualTo("Bearer tok-vigil-collector");
    }

    @Test
    void fallsBackToTheNextContentTypeOn415() throws Exception {
        stack.route("POST /ingest/v1/dns-logs", c -> "application/x-ndjson".equals(c.header("Content-Type"))
            ? new FakeStack.Answer(415, "") : new FakeStack.Answer(200, "{\"accepted\":1,\"rejected\":0,\"skipped\":0,\"errors\":[]}"));
        Path a = tmp.resolve("a.jsonl");
        Path b = tmp.resolve("b.jsonl");
        Files.writeString(a, "{\"query_name\":\"a.example.\"}\n");
        Files.writeString(b, "{\"query_name\":\"b.example.\"}\n");
        assertThat(run(a.toString(), b.toString())).isZero();
        assertThat(stack.calls("POST /ingest/v1/dns-logs")).extracting(c -> c.header("Content-Type"))
            .containsExactly("application/x-ndjson", "text/plain", "text/plain");
    }

    @Test
    void aFailedRequestGivesExitCode1ButPerLineRejectionsDoNot() throws Exception {
        stack.route("POST /ingest/v1/cloudtrail", c -> new FakeStack.Answer(400,
            "{\"message\":\"account 999999999999 has no enabled detector\",\"__type\":\"BadRequestException\"}"));
        Path ct = tmp.resolve("t.json");
        Files.writeString(ct, "{\"Records\":[]}");
        Path flow = tmp.resolve("f.log");
        Files.writeString(flow, "version account-id interface-id srcaddr dstaddr\n");
        assertThat(run(ct.toString(), flow.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("FAILED", "has no enabled detector", "OK");
    }

    @Test
    void unknownFilesAreSkippedAndTypeCanBeForced() throws Exception {
        Path odd = tmp.resolve("odd.txt");
        Files.writeString(odd, "hello\n");
        assertThat(run(odd.toString())).isZero();
        assertThat(stack.calls("POST /ingest/")).isEmpty();
        assertThat(out.toString()).contains("SKIPPED");
        assertThat(run("--type", "dns", odd.toString())).isZero();
        assertThat(stack.calls("POST /ingest/v1/dns-logs")).hasSize(1);
    }

    @Test
    void progressBarShowsBytesAndFiles() throws Exception {
        Path f = tmp.resolve("f.log");
        Files.writeString(f, "x".repeat(1000));
        Ingester.Progress p = new Ingester.Progress(new PrintStream(OutputStream.nullOutputStream()), true, List.of(f, f));
        assertThat(p.bar()).startsWith("[------------------------------]   0% 0/2 files");
        p.done(f, new Ingester.FileResult(f, LogType.FLOW, "OK", 1, 0, 0, null));
        assertThat(p.bar()).startsWith("[###############---------------]  50% 1/2 files");
    }

    @Test
    void aSimulatorDirectoryIsIngestedInManifestOrder() throws Exception {
        Path sim = tmp.resolve("sim");
        dev.vigil.e2e.sim.Manifest m = dev.vigil.e2e.sim.Simulator.run(new dev.vigil.e2e.sim.Simulator.Options(3,
            java.time.Instant.parse("2026-11-29T12:00:00Z"), 1, 2, true), sim);
        assertThat(Ingester.expand(List.of(sim))).containsExactlyElementsOf(m.files().stream().map(sim::resolve).toList());
        assertThat(run("--client", "vigil-collector", sim.toString())).isZero();
        assertThat(stack.calls("POST /ingest/v1/")).hasSize(m.files().size());
        assertThat(stack.calls("POST /ingest/v1/flow-logs")).allSatisfy(c -> {
            assertThat(c.query()).isEqualTo("region=us-east-1");
            assertThat(c.header("Content-Encoding")).isEqualTo("gzip");
        });
    }
}
