package dev.vigil.e2e.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.vigil.e2e.sim.attack.AttackContext;
import dev.vigil.e2e.sim.attack.AttackScenario;
import dev.vigil.e2e.sim.attack.AttackScenarios;
import dev.vigil.e2e.sim.attack.ExpectedFinding;
import dev.vigil.e2e.sim.records.Company;
import dev.vigil.e2e.sim.records.LogRecords;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates a week of benign activity for a fictional company ({@link BenignActivity}) and, in the last hours, the
 * attack scenarios of {@link AttackScenarios#ALL}, modelled on GuardDuty's public tester
 * (github.com/awslabs/amazon-guardduty-tester): VPC flow log files (S3 delivery format with the header line), Route
 * 53 Resolver query log JSON lines and CloudTrail {@code Records} files, laid out like their S3 keys under
 * {@code AWSLogs/<account>/...} ({@link LogFiles}), plus {@code manifest.json}.
 *
 * <p>Deterministic: the same {@link Options} (seed, end, days, attack hours, gzip) yield byte-identical files.
 * Benign data before the attack window goes into one file per account, log type and UTC day; the attack window
 * goes into hourly files holding benign and attack records together, each file sorted by time, so ingesting
 * the files in {@link Manifest#files()} order feeds every log stream chronologically.
 */
public final class Simulator {

    /**
     * The default v2 flow log fields plus {@code instance-id} (a version-3 field), the header line AWS writes at the
     * top of S3 text files: with the instance named in the log, findings name the instance as GuardDuty's do (it
     * knows the interface's instance from EC2; Vigil only from the log).
     */
    public static final String V2_HEADER =
        "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status"
            + " instance-id";
    /** The custom v5 field order used for one file (alphabetical, as a user may configure). */
    public static final String V5_CUSTOM_HEADER = "account-id action az-id bytes dstaddr dstport end flow-direction "
        + "instance-id interface-id log-status packets pkt-dst-aws-service pkt-dstaddr pkt-src-aws-service "
        + "pkt-srcaddr protocol region srcaddr srcport start sublocation-id sublocation-type subnet-id tcp-flags "
        + "traffic-path type version vpc-id";

    /**
     * Run options.
     *
     * @param seed        the random seed
     * @param end         end of the data (exclusive), UTC; attacks happen in the hours before it
     * @param days        days of benign history before the attack window (at least 1); benign activity goes on
     *                    through the attack window, so with the detector's default 7-day learning period a history
     *                    of 7 days makes every baseline learned when the attacks begin
     * @param attackHours length of the attack window in hours (1-24)
     * @param gzip        write every file gzip-compressed ({@code .gz})
     */
    public record Options(long seed, Instant end, int days, int attackHours, boolean gzip) {
        public Options {
            if (days < 1) {
                throw new IllegalArgumentException("days must be at least 1");
            }
            if (attackHours < 1 || attackHours > 24) {
                throw new IllegalArgumentException("attack hours must be between 1 and 24");
            }
            end = end.truncatedTo(ChronoUnit.SECONDS);
        }
    }

    private final Options opt;
    private final Random rnd;
    private final Company co;
    private final Instant start;
    private final Instant attackStart;
    private final LogRecords logs;
    private final BenignActivity benign;
    private final ObjectMapper json = new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT);

    private Simulator(Options opt) {
        this.opt = opt;
        this.rnd = new Random(opt.seed());
        this.co = new Company(rnd);
        this.attackStart = opt.end().minus(Duration.ofHours(opt.attackHours()));
        this.start = attackStart.minus(Duration.ofDays(opt.days()));
        this.logs = new LogRecords(rnd, start);
        this.benign = new BenignActivity(co, rnd, logs, start, opt.end());
    }

    /**
     * Generates all files into {@code out} (created if missing) and writes {@code manifest.json}.
     *
     * @return the manifest that was written
     * @throws IOException if a file cannot be written
     */
    public static Manifest run(Options opt, Path out) throws IOException {
        return new Simulator(opt).generate(out);
    }

    private Manifest generate(Path out) throws IOException {
        benign.generate();
        List<ExpectedFinding> expected = new ArrayList<>();
        List<String> threatList = new ArrayList<>();
        for (AttackScenario s : AttackScenarios.ALL) {
            expected.add(s.simulate(new AttackContext(s.id(), logs, co, rnd, attackStart, opt.end())));
            threatList.addAll(s.threatList());
        }
        benign.s3DataHistory(); // after the scenarios: their random draws stay as they were

        Map<String, List<String>> filesByScenario = new LinkedHashMap<>();
        List<String> files = new LogFiles(co, opt, start, attackStart, json).write(logs.all(), out, filesByScenario);
        List<Manifest.Scenario> scenarios = expected.stream().map(e -> new Manifest.Scenario(e.id(), e.description(),
            e.account(), e.findingTypes(), e.resource(), e.minSeverity(), e.high(), e.requiresThreatList(),
            e.evidence(), filesByScenario.getOrDefault(e.id(), List.of()))).toList();
        Manifest manifest = new Manifest(opt.seed(), start.toString(), opt.end().toString(), attackStart.toString(),
            Company.REGION, Company.ADMIN_ACCOUNT, Company.MEMBER_ACCOUNT, threatList,
            "Benign baseline: " + opt.days() + " days of web, application, database, worker and build traffic for "
                + co.instances().size() + " instances (inbound HTTPS from ~30 customer addresses, internal app and "
                + "database flows, S3 and package-mirror egress), their DNS lookups of well-known domains, and "
                + "CloudTrail management events of IAM users on workdays from the office address, a CI user every "
                + "two hours and instance-role calls from the instances' own addresses, and S3 data events of three "
                + "service users (ETL, BI, backup) every hour from the office. It contains no attack and "
                + "must yield no finding on its own.",
            scenarios, files);
        Files.writeString(out.resolve("manifest.json"),
            json.writerWithDefaultPrettyPrinter().writeValueAsString(manifest) + "\n");
        return manifest;
    }
}
