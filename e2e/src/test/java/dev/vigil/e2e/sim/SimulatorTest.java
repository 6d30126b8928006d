package dev.vigil.e2e.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.e2e.ingest.LogType;
import dev.vigil.e2e.sim.attack.C2Dns;
import dev.vigil.e2e.sim.attack.DnsExfiltration;
import dev.vigil.e2e.sim.attack.InstanceCredentialExfiltration;
import dev.vigil.e2e.sim.attack.PortScan;
import dev.vigil.e2e.sim.attack.SshBruteForceIn;
import dev.vigil.e2e.sim.attack.SshBruteForceOut;
import dev.vigil.e2e.sim.attack.ThreatListIp;
import dev.vigil.e2e.sim.attack.TorClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator on real files in a temp directory (nothing mocked): determinism, file formats, and that each
 * scenario's files hold what the manifest claims while the benign baseline holds none of it.
 */
class SimulatorTest {
    static final Instant END = Instant.parse("2026-11-27T18:00:00Z");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static Path dir;
    static Manifest manifest;

    @BeforeAll
    static void simulate() throws IOException {
        dir = tmp.resolve("a");
        manifest = Simulator.run(new Simulator.Options(7, END, 2, 3, false), dir);
    }

    @Test
    void sameSeedGivesByteIdenticalFilesAndOtherSeedDoesNot() throws IOException {
        Path again = tmp.resolve("b");
        Simulator.run(new Simulator.Options(7, END, 2, 3, false), again);
        List<Path> first = listFiles(dir);
        assertThat(listFiles(again).stream().map(again::relativize).toList())
            .isEqualTo(first.stream().map(dir::relativize).toList());
        for (Path f : first) {
            assertThat(Files.readAllBytes(again.resolve(dir.relativize(f)))).as(f.toString())
                .isEqualTo(Files.readAllBytes(f));
        }
        Path other = tmp.resolve("c");
        Simulator.run(new Simulator.Options(8, END, 2, 3, false), other);
        assertThat(Files.readString(other.resolve("manifest.json"))).isNotEqualTo(Files.readString(dir.resolve("manifest.json")));
    }

    @Test
    void anotherJvmWritesTheSameBytes() throws Exception {
        // Map iteration order of Map.of/Set.of differs between JVM runs: only a second JVM can catch that
        Path child = tmp.resolve("child-jvm");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
            System.getProperty("java.class.path"), "dev.vigil.e2e.VigilCli", "simulate", "--out", child.toString(),
            "--seed", "7", "--end", END.toString(), "--days", "2", "--attack-hours", "3")
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor()).isZero();
        List<Path> ours = listFiles(dir);
        assertThat(listFiles(child)).hasSameSizeAs(ours);
        for (Path f : ours) {
            assertThat(Files.readAllBytes(child.resolve(dir.relativize(f)))).as(f.toString()).isEqualTo(Files.readAllBytes(f));
        }
    }

    @Test
    void gzipRunIsDeterministicAndInflatesToThePlainFiles() throws IOException {
        Path z1 = tmp.resolve("z1");
        Path z2 = tmp.resolve("z2");
        Manifest m = Simulator.run(new Simulator.Options(7, END, 2, 3, true), z1);
        Simulator.run(new Simulator.Options(7, END, 2, 3, true), z2);
        assertThat(m.files()).allMatch(f -> f.endsWith(".gz")).hasSameSizeAs(manifest.files());
        for (int i = 0; i < m.files().size(); i++) {
            Path gz = z1.resolve(m.files().get(i));
            assertThat(Files.readAllBytes(z2.resolve(m.files().get(i)))).isEqualTo(Files.readAllBytes(gz));
            assertThat(LogType.readDecompressed(gz)).isEqualTo(Files.readAllBytes(dir.resolve(manifest.files().get(i))));
        }
    }

    @Test
    void filesAreInAwsFormatsAndChronologicalOrder() throws IOException {
        assertThat(manifest.files()).isNotEmpty();
        String previousStamp = "";
        boolean sawV5 = false;
        for (String rel : manifest.files()) {
            Path f = dir.resolve(rel);
            String stamp = rel.replaceAll(".*_(\\d{8}T\\d{4}Z)_.*", "$1");
            assertThat(stamp).as(rel).matches("\\d{8}T\\d{4}Z").isGreaterThanOrEqualTo(previousStamp);
            previousStamp = stamp;
            LogType type = LogType.detect(f);
            assertThat(type).as(rel).isEqualTo(LogType.byName(rel));
            String text = Files.readString(f);
            switch (type) {
                case FLOW -> {
                    String header = text.lines().findFirst().orElseThrow();
                    assertThat(header).isIn(Simulator.V2_HEADER, Simulator.V5_CUSTOM_HEADER);
                    int fields = header.split(" ").length;
                    assertThat(text.lines().skip(1)).allMatch(l -> l.split(" ").length == fields);
                    sawV5 |= header.equals(Simulator.V5_CUSTOM_HEADER);
                }
                case DNS -> assertThat(text.lines()).allSatisfy(l -> {
                    JsonNode n = JSON.readTree(l);
                    assertThat(n.path("query_name").asText()).endsWith(".");
                    assertThat(n.path("srcids").path("instance").asText()).startsWith("i-");
                });
                case CLOUDTRAIL -> assertThat(JSON.readTree(text).path("Records").size()).isPositive();
                default -> throw new AssertionError(rel);
            }
            assertThat(rel).matches("AWSLogs/(111111111111|222222222222)/.*");
        }
        assertThat(sawV5).as("one file in the custom v5 order").isTrue();
        assertThat(manifest.files().stream().filter(f -> f.contains("_v5"))).hasSize(1);
        assertThat(manifest.files()).anyMatch(f -> f.startsWith("AWSLogs/222222222222/"));
    }

    @Test
    void everyScenarioIsInTheAttackWindowAndItsOwnAccountsFiles() {
        String attackStamp = Instant.parse(manifest.attackStart()).toString().replaceAll("[-:]", "").substring(0, 13) + "Z";
        assertThat(manifest.scenarios()).hasSizeGreaterThanOrEqualTo(16);
        for (Manifest.Scenario s : manifest.scenarios()) {
            assertThat(s.files()).as(s.id()).isNotEmpty().allSatisfy(f -> {
                assertThat(f).startsWith("AWSLogs/" + s.account() + "/");
                assertThat(f.replaceAll(".*_(\\d{8}T\\d{4}Z)_.*", "$1")).isGreaterThanOrEqualTo(attackStamp);
            });
            assertThat(s.high()).isEqualTo(s.minSeverity() >= 7.0);
            assertThat(s.findingTypes()).isNotEmpty();
        }
        assertThat(manifest.threatList()).contains(ThreatListIp.ADDRESS);
        assertThat(manifest.baseline()).contains("no finding");
    }

    @Test
    void networkScenariosHoldTheClaimedVolumes() throws IOException {
        List<Map<String, String>> scan = flows(scenario("port-scan"));
        Set<String> ports = new HashSet<>();
        scan.stream().filter(r -> r.get("dstaddr").equals(PortScan.TARGET_IP)).forEach(r -> ports.add(r.get("dstport")));
        assertThat(ports.size()).isGreaterThanOrEqualTo(100)
            .isEqualTo(scenario("port-scan").evidence().get("distinctPorts"));

        assertThat(flows(scenario("ssh-brute-force-in")).stream()
            .filter(r -> r.get("srcaddr").equals(SshBruteForceIn.ATTACKER_IP) && r.get("dstport").equals("22")).count())
            .isEqualTo(((Number) scenario("ssh-brute-force-in").evidence().get("attempts")).longValue());
        assertThat(flows(scenario("ssh-brute-force-in"))).anyMatch(r -> r.get("action").equals("REJECT"));

        assertThat(flows(scenario("ssh-brute-force-out")).stream()
            .filter(r -> r.get("dstaddr").equals(SshBruteForceOut.VICTIM_IP) && r.get("dstport").equals("22")).count())
            .isGreaterThanOrEqualTo(200);

        assertThat(flows(scenario("port-probe")).stream().filter(r -> r.get("dstport").equals("3306"))
            .map(r -> r.get("srcaddr")).distinct().count()).isEqualTo(25);

        assertThat(flows(scenario("tor"))).anyMatch(r -> r.get("dstaddr").equals(TorClient.EXIT_IP)
            && r.get("dstport").equals("9001") && r.get("action").equals("ACCEPT"));
        assertThat(flows(scenario("threat-list-ip"))).anyMatch(r -> r.get("dstaddr").equals(ThreatListIp.ADDRESS));
        assertThat(scenario("threat-list-ip").requiresThreatList()).isTrue();
    }

    @Test
    void dnsScenariosHoldTheClaimedQueries() throws IOException {
        Manifest.Scenario c2 = scenario("c2-dns");
        assertThat(dns(c2)).anyMatch(n -> n.path("query_name").asText().equals(C2Dns.DOMAIN + ".")
            && n.path("srcids").path("instance").asText().equals(c2.resource().get("instanceId")));
        assertThat(dns(scenario("mining-dns"))).anyMatch(n -> n.path("query_name").asText().endsWith("minergate.com."));
        long exfil = dns(scenario("dns-exfil")).stream()
            .filter(n -> n.path("query_name").asText().endsWith("." + DnsExfiltration.DOMAIN + "."))
            .filter(n -> n.path("query_name").asText().split("\\.")[0].length() >= 56).count();
        assertThat(exfil).isEqualTo(200);
        Manifest.Scenario dga = scenario("dga");
        assertThat(dns(dga).stream().filter(n -> n.path("rcode").asText().equals("NXDOMAIN"))
            .filter(n -> n.path("srcids").path("instance").asText().equals(dga.resource().get("instanceId")))
            .map(n -> n.path("query_name").asText()).distinct().count()).isGreaterThanOrEqualTo(40);
    }

    @Test
    void cloudTrailScenariosHoldTheClaimedEvents() throws IOException {
        assertThat(events(scenario("stop-logging"))).anyMatch(e -> e.path("eventName").asText().equals("StopLogging")
            && e.path("userIdentity").path("accessKeyId").asText().equals(scenario("stop-logging").resource().get("accessKeyId")));
        assertThat(events(scenario("password-policy")).stream().map(e -> e.path("eventName").asText()))
            .contains("UpdateAccountPasswordPolicy", "DeleteAccountPasswordPolicy");
        assertThat(events(scenario("password-policy"))).anyMatch(e -> e.path("requestParameters").path("minimumPasswordLength").asInt() == 6);
        assertThat(events(scenario("kali"))).anyMatch(e -> e.path("userAgent").asText().contains("kali")
            && e.path("recipientAccountId").asText().equals("222222222222"));
        assertThat(events(scenario("root"))).anyMatch(e -> e.path("userIdentity").path("type").asText().equals("Root"));
        Manifest.Scenario cred = scenario("instance-credential-exfiltration");
        String key = cred.resource().get("accessKeyId");
        assertThat(events(cred)).anyMatch(e -> e.path("userIdentity").path("accessKeyId").asText().equals(key)
            && e.path("sourceIPAddress").asText().equals(InstanceCredentialExfiltration.THIEF_IP));
        // the baseline shows the same credentials used from the instance's own address
        assertThat(allEvents(false)).anyMatch(e -> e.path("userIdentity").path("accessKeyId").asText().equals(key)
            && !e.path("sourceIPAddress").asText().equals(InstanceCredentialExfiltration.THIEF_IP));
        // a Lambda function's credentials used from the member account's instance, whose own session uses that
        // address before the attack (so the address is known to be the member account's)
        Manifest.Scenario inside = scenario("lambda-credential-inside-aws");
        String insideIp = (String) inside.evidence().get("sourceIp");
        assertThat(events(inside)).anyMatch(e -> e.path("eventName").asText().equals("AssumeRole")
            && e.path("userIdentity").path("invokedBy").asText().equals("lambda.amazonaws.com"));
        assertThat(events(inside)).anyMatch(e -> e.path("userIdentity").path("accessKeyId").asText()
            .equals(inside.resource().get("accessKeyId")) && e.path("sourceIPAddress").asText().equals(insideIp));
        assertThat(benignText()).contains(insideIp);
        Manifest.Scenario disco = scenario("discovery-burst");
        assertThat(events(disco).stream().filter(e -> e.path("userIdentity").path("userName").asText().equals("dana"))
            .filter(e -> e.path("sourceIPAddress").asText().equals(disco.evidence().get("sourceIp")))
            .map(e -> e.path("eventName").asText()).distinct().count())
            .isEqualTo(((Number) disco.evidence().get("distinctApis")).longValue()).isGreaterThanOrEqualTo(20);
    }

    @Test
    void s3AnomalyScenariosHaveAWeeksBaselineAndTheirUnusualCalls() throws IOException {
        String benign = benignText();
        for (String id : List.of("s3-unusual-list", "s3-unusual-write", "s3-bulk-download", "s3-unusual-read",
            "s3-unusual-delete", "s3-unusual-permission")) {
            Manifest.Scenario s = scenario(id);
            String key = s.resource().get("accessKeyId");
            // the principal's S3 data events before the attack window: the learned baseline
            assertThat(benign).as(id).contains(key);
            long calls = events(s).stream()
                .filter(e -> e.path("userIdentity").path("accessKeyId").asText().equals(key))
                .filter(e -> e.path("eventCategory").asText().equals("Data"))
                .filter(e -> e.path("sourceIPAddress").asText().equals(s.evidence().get("sourceIp")))
                .filter(e -> e.path("eventName").asText().equals(s.evidence().get("api"))).count();
            assertThat(calls).as(id).isGreaterThanOrEqualTo(((Number) s.evidence().get("calls")).longValue());
        }
        // the bulk download's reads fall in one 10-minute bucket
        assertThat(events(scenario("s3-bulk-download")).stream()
            .filter(e -> e.path("eventName").asText().equals("GetObject")
                && e.path("userIdentity").path("userName").asText().equals("bi-reader")
                && e.path("requestParameters").path("key").asText().startsWith("archive/"))
            .map(e -> Instant.parse(e.path("eventTime").asText()).getEpochSecond() / 600).distinct().count())
            .isEqualTo(1);
    }

    @Test
    void benignBaselineHoldsNoAttackIndicator() throws IOException {
        String benign = benignText();
        assertThat(benign).isNotEmpty()
            .doesNotContain(TorClient.EXIT_IP, C2Dns.DOMAIN, "minergate", DnsExfiltration.DOMAIN,
                PortScan.TARGET_IP, SshBruteForceIn.ATTACKER_IP, SshBruteForceOut.VICTIM_IP, ThreatListIp.ADDRESS,
                InstanceCredentialExfiltration.THIEF_IP, "kali", "StopLogging", "PasswordPolicy", "\"Root\"", "NXDOMAIN");
        // ...but it is a real baseline: every instance shows up in flows and DNS
        assertThat(benign.split("\n").length).isGreaterThan(5000);
    }

    // ------------------------------------------------------------------ helpers

    static Manifest.Scenario scenario(String id) {
        return manifest.scenarios().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    static List<Map<String, String>> flows(Manifest.Scenario s) throws IOException {
        List<Map<String, String>> out = new ArrayList<>();
        for (String rel : s.files()) {
            if (LogType.byName(rel) != LogType.FLOW) {
                continue;
            }
            List<String> lines = Files.readAllLines(dir.resolve(rel));
            String[] header = lines.get(0).split(" ");
            for (String l : lines.subList(1, lines.size())) {
                String[] v = l.split(" ");
                Map<String, String> m = new LinkedHashMap<>();
                for (int i = 0; i < header.length; i++) {
                    m.put(header[i], v[i]);
                }
                out.add(m);
            }
        }
        return out;
    }

    static List<JsonNode> dns(Manifest.Scenario s) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String rel : s.files()) {
            if (LogType.byName(rel) == LogType.DNS) {
                for (String l : Files.readAllLines(dir.resolve(rel))) {
                    out.add(JSON.readTree(l));
                }
            }
        }
        return out;
    }

    static List<JsonNode> events(Manifest.Scenario s) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String rel : s.files()) {
            if (LogType.byName(rel) == LogType.CLOUDTRAIL) {
                JSON.readTree(dir.resolve(rel).toFile()).path("Records").forEach(out::add);
            }
        }
        return out;
    }

    static List<JsonNode> allEvents(boolean attackWindowOnly) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String rel : manifest.files()) {
            if (LogType.byName(rel) == LogType.CLOUDTRAIL) {
                JSON.readTree(dir.resolve(rel).toFile()).path("Records").forEach(out::add);
            }
        }
        return out;
    }

    /** All records of files before the attack window. */
    static String benignText() throws IOException {
        Set<String> attackFiles = new HashSet<>();
        manifest.scenarios().forEach(s -> attackFiles.addAll(s.files()));
        String attackStamp = manifest.attackStart().replaceAll("[-:]", "").substring(0, 13) + "Z";
        StringBuilder b = new StringBuilder();
        for (String rel : manifest.files()) {
            String stamp = rel.replaceAll(".*_(\\d{8}T\\d{4}Z)_.*", "$1");
            if (stamp.compareTo(attackStamp) < 0) {
                assertThat(attackFiles).doesNotContain(rel);
                b.append(new String(Files.readAllBytes(dir.resolve(rel)), StandardCharsets.UTF_8));
            }
        }
        return b.toString();
    }

    static List<Path> listFiles(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
