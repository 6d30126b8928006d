package dev.vigil.e2e.cli;

import static dev.vigil.e2e.DemoIdentities.ADMIN_111;
import static dev.vigil.e2e.DemoIdentities.ADMIN_222;
import static dev.vigil.e2e.DemoIdentities.ADMIN_333;
import static dev.vigil.e2e.DemoIdentities.ADMIN_ACCOUNT;
import static dev.vigil.e2e.DemoIdentities.MEMBER_ACCOUNT;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.e2e.DemoIdentities;
import dev.vigil.e2e.LocalStack;
import dev.vigil.e2e.check.FindingView;
import dev.vigil.e2e.check.ManifestCheck;
import dev.vigil.e2e.client.ApiException;
import dev.vigil.e2e.client.GuardDutyApi;
import dev.vigil.e2e.client.TokenSource;
import dev.vigil.e2e.ingest.Ingester;
import dev.vigil.e2e.sim.Manifest;
import dev.vigil.e2e.sources.DemoDelivery;
import dev.vigil.e2e.sources.LogSourceApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code vigil demo-run}, the body of {@code ./vigil demo} once the stack is up: detectors for the three demo
 * accounts, 111111111111 as administrator of 222222222222 by invitation, a threat list, simulated attacks
 * delivered as AWS delivers logs ({@link DemoDelivery}: S3 objects with SQS notifications for flow logs and CloudTrail,
 * Firehose for DNS query logs, each tenant's log sources created through the API, their status printed), the real
 * samples posted to the ingest API as a collector would, then a bounded wait until every expected finding shows in admin-111's findings.
 * Exit code 0 only if every expected finding appeared and no unexpected HIGH finding did; a HIGH finding of no
 * scenario that no event updated since the run began (another workload's on the same stack) is reported, not judged.
 */
@Command(name = "demo-run", mixinStandardHelpOptions = true,
    description = "Set up the demo tenants, ingest simulated attacks and the real samples, and check the findings.")
public final class DemoRunCommand implements Callable<Integer> {
    static final String THREAT_SET = "vigil-demo-threats";

    @Mixin
    Connection conn;

    @Option(names = "--password", defaultValue = DemoIdentities.PASSWORD_OPTION,
        description = "demo users' password (env " + DemoIdentities.PASSWORD_ENV + ", default "
            + DemoIdentities.DEFAULT_PASSWORD + ")")
    String password;

    @Option(names = "--collector-secret", defaultValue = DemoIdentities.COLLECTOR_SECRET_OPTION,
        description = "vigil-collector's client secret (env " + DemoIdentities.COLLECTOR_SECRET_ENV + ")")
    String collectorSecret;

    @Option(names = "--samples", defaultValue = "${env:" + LocalStack.SAMPLES_ENV + ":-../shared/samples}",
        description = "real log samples folder (vpcflow/, dns/, cloudtrail/; default ${DEFAULT-VALUE}); skipped if absent")
    Path samples;

    @Option(names = "--delivery", defaultValue = "aws",
        description = "aws (default): the simulated logs through log sources, as AWS delivers them (S3 + SQS, Firehose);"
            + " collector: every file posted to the ingest API, as a collector would")
    String delivery;

    @Option(names = "--s3-access-key", defaultValue = "${env:VIGIL_S3_ACCESS_KEY:-VIGILLOCALS3ACCESSKEY}",
        description = "the stack S3 server's access key (env VIGIL_S3_ACCESS_KEY, default ${DEFAULT-VALUE})")
    String s3AccessKey;

    @Option(names = "--s3-secret-key", defaultValue = "${env:VIGIL_S3_SECRET_KEY}",
        description = "its secret key (env VIGIL_S3_SECRET_KEY, kept by ./vigil in .vigil/secrets/)")
    String s3SecretKey;

    @Option(names = "--out", description = "simulator output directory (default: a new temp directory)")
    Path out;

    @Option(names = "--seed", defaultValue = "42", description = "simulator seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--end", description = "simulated data end, ISO-8601 UTC (default: now rounded down to the hour)")
    Instant end;

    @Option(names = "--days", defaultValue = "7", description = "days of benign history before the attack window (default ${DEFAULT-VALUE})")
    int days;

    @Option(names = "--timeout", defaultValue = "900", description = "seconds to wait for the findings (default ${DEFAULT-VALUE})")
    int timeout;

    @Option(names = "--poll", defaultValue = "5", description = "seconds between findings polls (default ${DEFAULT-VALUE})")
    int poll;

    /**
     * Allowance for the clocks of this machine and of findings-service: a HIGH finding of no scenario counts as this
     * run's when it was updated at most this long before the run began.
     */
    static final Duration CLOCK_ALLOWANCE = Duration.ofMinutes(1);

    private final Map<String, Duration> timings = new LinkedHashMap<>();
    /** When this run began, less {@link #CLOCK_ALLOWANCE}: findings no event touched since are an earlier workload's. */
    private Instant runStart;

    @Override
    public Integer call() throws Exception {
        runStart = Instant.now().minus(CLOCK_ALLOWANCE);
        TokenSource admin = conn.user(ADMIN_111, password);
        TokenSource member = conn.user(ADMIN_222, password);
        TokenSource other = conn.user(ADMIN_333, password);
        GuardDutyApi adminApi = new GuardDutyApi(conn.accounts(admin), conn.findings(admin));
        GuardDutyApi memberApi = new GuardDutyApi(conn.accounts(member), conn.findings(member));
        GuardDutyApi otherApi = new GuardDutyApi(conn.accounts(other), conn.findings(other));

        String[] ids = step("detectors", () -> {
            String[] d = {adminApi.ensureDetector(), memberApi.ensureDetector(), otherApi.ensureDetector()};
            // the company's detectors analyse S3 data events (scenario s3-tor-download)
            adminApi.enableFeature(d[0], "S3_DATA_EVENTS");
            memberApi.enableFeature(d[1], "S3_DATA_EVENTS");
            return d;
        });
        say("detectors: %s=%s %s=%s %s=%s", ADMIN_ACCOUNT, ids[0], MEMBER_ACCOUNT, ids[1], DemoIdentities.OTHER_ACCOUNT,
            ids[2]);

        step("membership", () -> {
            establishMembership(adminApi, memberApi, ids[0], ids[1]);
            return null;
        });

        Path dir = out != null ? out : Files.createTempDirectory("vigil-demo-");
        boolean aws = !"collector".equals(delivery);
        // gzip, as AWS writes flow logs and CloudTrail to S3
        Manifest manifest = step("simulate", () -> SimulateCommand.simulate(dir, seed,
            end != null ? end : Instant.now().truncatedTo(ChronoUnit.HOURS), days, 3, aws));
        say("simulated %d files into %s (%d scenarios)", manifest.files().size(), dir, manifest.scenarios().size());

        boolean listUploaded = step("threat list", () -> {
            String setId = adminApi.ensureThreatIntelSet(ids[0], THREAT_SET);
            adminApi.uploadThreatIntelSet(ids[0], setId, String.join("\n", manifest.threatList()) + "\n");
            say("threat intel set %s (%s): %s", setId, THREAT_SET, String.join(", ", manifest.threatList()));
            return true;
        });

        TokenSource collector = conn.client(DemoIdentities.COLLECTOR, collectorSecret);
        long failedDeliveries = aws ? deliverAsAws(admin, member, ids, dir, manifest)
            : step("ingest simulated", () -> {
                List<Path> files = manifest.files().stream().map(dir::resolve).toList();
                List<Ingester.FileResult> r = new Ingester(conn.ingest(collector), "us-east-1", null)
                    .ingestAll(files, new Ingester.Progress(System.err, System.console() != null, files));
                System.out.print(Ingester.summary(r, dir).render());
                return r.stream().filter(Ingester.FileResult::failed).count();
            });
        List<Ingester.FileResult> sampleResults = step("ingest samples", () -> {
            List<Path> roots = new ArrayList<>();
            for (String sub : List.of("vpcflow", "dns", "cloudtrail")) {
                if (samples != null && Files.isDirectory(samples.resolve(sub))) {
                    roots.add(samples.resolve(sub));
                }
            }
            if (roots.isEmpty()) {
                say("no samples at %s: skipped", samples);
                return List.<Ingester.FileResult>of();
            }
            List<Path> files = Ingester.expand(roots);
            // the public samples carry example account IDs: replay them into the administrator's account
            Ingester samplesIngester = new Ingester(conn.ingest(collector), "us-east-1", null, ADMIN_ACCOUNT);
            return samplesIngester.ingestAll(files, new Ingester.Progress(System.err, System.console() != null, files));
        });
        if (!sampleResults.isEmpty()) {
            System.out.print(Ingester.summary(sampleResults, samples).render());
        }
        // every simulated file must go in; a sample may be refused for its content (the samples include broken
        // files on purpose), but not for a transport error, a 5xx or a refused token
        long failedRequests = failedDeliveries
            + sampleResults.stream().filter(Ingester.FileResult::failedOutsideContent).count();

        ManifestCheck.Result[] verdict = new ManifestCheck.Result[1];
        List<FindingView> seen = step("detection", () -> waitForFindings(adminApi, ids[0], manifest, listUploaded, verdict));

        System.out.println();
        System.out.println("Findings of administrator " + ADMIN_ACCOUNT + " (member findings included):");
        System.out.print(FindingView.table(seen).render());
        System.out.println();
        System.out.print(verdict[0].report());
        System.out.println();
        System.out.println("Step timings:");
        timings.forEach((k, v) -> System.out.printf(Locale.ROOT, "  %-18s %7.1f s%n", k, v.toMillis() / 1000.0));
        boolean ok = verdict[0].passed() && failedRequests == 0;
        if (failedRequests > 0) {
            System.out.println(failedRequests + " ingest request(s) failed");
        }
        System.out.println(ok ? "DEMO PASSED" : "DEMO FAILED");
        return ok ? 0 : 1;
    }

    /**
     * Delivers the simulated files as AWS would ({@link DemoDelivery}) and prints the sources' status.
     *
     * @return deliveries that failed plus notifications left unread
     */
    private long deliverAsAws(TokenSource admin, TokenSource member, String[] ids, Path dir, Manifest manifest)
        throws Exception {
        DemoDelivery delivery = new DemoDelivery(new DemoDelivery.Target(LocalStack.url("s3"), LocalStack.url("sqs"),
            s3AccessKey, s3SecretKey, "us-east-1", conn.ingestUrl()), conn.http(), List.of(
                new DemoDelivery.Tenant(ADMIN_ACCOUNT, new LogSourceApi(conn.accounts(admin), ids[0])),
                new DemoDelivery.Tenant(MEMBER_ACCOUNT, new LogSourceApi(conn.accounts(member), ids[1]))));
        DemoDelivery.Result delivered = step("deliver simulated", () -> {
            delivery.setUp();
            DemoDelivery.Result r = delivery.deliver(dir, manifest.files());
            say("%d objects put in S3 with their notifications, %d Firehose requests of %d DNS records", r.objects(),
                r.firehoseRequests(), r.firehoseRecords());
            r.failures().forEach(f -> say("delivery failed: %s", f));
            return r;
        });
        long pending = step("sources read", () -> delivery.awaitRead(delivered.objects(), timeout));
        System.out.println("Log sources (GetLogSource statusDetails):");
        System.out.print(delivery.statusTable().render());
        delivery.close();
        return delivered.failures().size() + pending;
    }

    /** CreateMembers + InviteMembers as the administrator, ListInvitations + Accept as the member; idempotent. */
    static void establishMembership(GuardDutyApi adminApi, GuardDutyApi memberApi, String adminDetector,
                                    String memberDetector) {
        JsonNode current = null;
        for (JsonNode m : adminApi.members(adminDetector)) {
            if (MEMBER_ACCOUNT.equals(m.path("accountId").asText())) {
                current = m;
            }
        }
        if (current != null && "Enabled".equalsIgnoreCase(current.path("relationshipStatus").asText())) {
            say("%s is already an enabled member of %s", MEMBER_ACCOUNT, ADMIN_ACCOUNT);
            return;
        }
        if (current == null) {
            JsonNode unprocessed = adminApi.createMember(adminDetector, MEMBER_ACCOUNT, ADMIN_222 + "@example.com");
            if (unprocessed.isArray() && !unprocessed.isEmpty()) {
                say("CreateMembers left unprocessed: %s", unprocessed);
            }
        }
        JsonNode unprocessed = adminApi.invite(adminDetector, MEMBER_ACCOUNT, "Join Vigil demo administrator " + ADMIN_ACCOUNT);
        if (unprocessed.isArray() && !unprocessed.isEmpty()) {
            say("InviteMembers left unprocessed: %s", unprocessed);
        }
        String invitationId = null;
        for (JsonNode inv : memberApi.invitations()) {
            if (ADMIN_ACCOUNT.equals(inv.path("accountId").asText())) {
                invitationId = inv.path("invitationId").asText();
            }
        }
        if (invitationId == null) {
            throw new ApiException(0, ADMIN_222 + " sees no invitation from " + ADMIN_ACCOUNT + " after InviteMembers", "");
        }
        memberApi.acceptInvitation(memberDetector, ADMIN_ACCOUNT, invitationId);
        say("%s accepted invitation %s from %s", MEMBER_ACCOUNT, invitationId, ADMIN_ACCOUNT);
    }

    private List<FindingView> waitForFindings(GuardDutyApi api, String detectorId, Manifest manifest,
                                              boolean listUploaded, ManifestCheck.Result[] verdict)
        throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(timeout).toNanos();
        List<FindingView> views = List.of();
        int lastMissing = -1;
        while (true) {
            try {
                views = api.findings(detectorId, null).stream().map(FindingView::of).toList();
            } catch (ApiException e) {
                say("ListFindings failed (will retry): %s", e.getMessage());
            }
            verdict[0] = ManifestCheck.check(manifest, views, listUploaded, runStart);
            int missing = verdict[0].missing().size();
            if (missing != lastMissing) {
                say("%d finding(s) so far; %d expected finding(s) still missing%s", views.size(), missing,
                    missing == 0 ? "" : ": " + String.join(", ",
                        verdict[0].missing().stream().map(s -> s.scenario().id()).toList()));
                lastMissing = missing;
            }
            if (missing == 0 || System.nanoTime() > deadline) {
                return views;
            }
            Thread.sleep(poll * 1000L);
        }
    }

    /** A step body that may throw. */
    interface Step<T> {
        T run() throws Exception;
    }

    private <T> T step(String name, Step<T> body) throws Exception {
        long t0 = System.nanoTime();
        say("== %s", name);
        try {
            return body.run();
        } finally {
            Duration d = Duration.ofNanos(System.nanoTime() - t0);
            timings.put(name, d);
            say("== %s done in %.1f s", name, d.toMillis() / 1000.0);
        }
    }

    private static void say(String format, Object... args) {
        System.err.printf(Locale.ROOT, format + "%n", args);
        System.err.flush();
    }

}
