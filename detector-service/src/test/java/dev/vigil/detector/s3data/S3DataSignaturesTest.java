package dev.vigil.detector.s3data;

import static dev.vigil.detector.s3data.S3Events.SDK;
import static dev.vigil.detector.s3data.S3Events.account;
import static dev.vigil.detector.s3data.S3Events.call;
import static dev.vigil.detector.streams.Records.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.detector.streams.Harness;
import dev.vigil.detector.streams.Records;
import dev.vigil.events.FindingCandidate;
import dev.vigil.events.ThreatListState;
import dev.vigil.events.ThreatListState.ListContent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stateless S3 data-event types, the S3_DATA_EVENTS gate, and the split from IAM management events. */
class S3DataSignaturesTest {

    private static final String TOR = "185.220.101.0";
    private static final String MALICIOUS = "1.1.104.12";
    private static final String CUSTOM = "203.0.113.7";
    private static final String TRUSTED = "198.51.100.9";
    private static final String CLEAN = "192.0.2.44"; // documentation range: on no list

    private static List<String> types(List<FindingCandidate> c) {
        return c.stream().map(x -> x.finding().type()).toList();
    }

    private static ThreatListState lists() {
        return new ThreatListState(1, Harness.ACCOUNT, /* versions name one content across tests */ 17_003,
                List.of(new ListContent("t1", Harness.ACCOUNT, Harness.REGION, "office", List.of("198.51.100.0/24"),
                        null)),
                List.of(new ListContent("l1", Harness.ACCOUNT, Harness.REGION, "my-threats",
                        List.of(CUSTOM, TRUSTED, "1.1.104.97"), null)), 1L);
    }

    @Test
    void torGetObjectIsAnS3FindingWithTheBucketAndObject() {
        try (Harness h = new Harness()) {
            account(h, true);
            h.cloudTrail(call("GetObject", "payroll", "2026/salaries.csv", TOR, SDK, T0));
            List<FindingCandidate> out = h.candidates();
            assertThat(types(out)).containsExactly("UnauthorizedAccess:S3/TorIPCaller");
            FindingCandidate c = out.get(0);
            assertThat(c.finding().severity()).isEqualTo(8.0);
            JsonNode r = c.finding().resource();
            assertThat(r.path("resourceType").asText()).isEqualTo("S3Bucket");
            assertThat(r.path("accessKeyDetails").path("accessKeyId").asText()).isEqualTo("AKIAEXAMPLE");
            JsonNode b = r.path("s3BucketDetails").get(0);
            assertThat(b.path("name").asText()).isEqualTo("payroll");
            assertThat(b.path("arn").asText()).isEqualTo("arn:aws:s3:::payroll");
            assertThat(b.path("type").asText()).isEqualTo("Destination");
            assertThat(b.path("s3ObjectDetails").get(0).path("key").asText()).isEqualTo("2026/salaries.csv");
            JsonNode api = c.finding().service().action().path("awsApiCallAction");
            assertThat(api.path("api").asText()).isEqualTo("GetObject");
            assertThat(api.path("serviceName").asText()).isEqualTo("s3.amazonaws.com");
            assertThat(api.path("remoteIpDetails").path("ipAddressV4").asText()).isEqualTo(TOR);
            assertThat(api.path("affectedResources").path("AWS::S3::Bucket").asText()).isEqualTo("payroll");

            h.cloudTrail(call("ListObjects", "payroll", null, TOR, SDK, T0 + 1));
            assertThat(types(h.candidates())).containsExactly("Discovery:S3/TorIPCaller");

            // look-alike: the same read from an address on no list
            h.cloudTrail(call("GetObject", "payroll", "2026/salaries.csv", CLEAN, SDK, T0 + 2));
            assertThat(h.candidates()).isEmpty();
        }
    }

    @Test
    void withS3DataEventsOffAnS3DataEventIsNotAnalysedAtAll() {
        try (Harness h = new Harness()) {
            account(h, false);
            h.cloudTrail(call("GetObject", "payroll", "a.csv", TOR, SDK, T0));
            h.cloudTrail(call("PutObject", "payroll", "a.csv", MALICIOUS, "aws-cli/2.13 Linux/6.5.0-kali3-amd64",
                    T0 + 1));
            assertThat(h.candidates()).isEmpty(); // in particular no Recon:IAMUser/TorIPCaller
            // a management event of S3 is still an IAM event
            h.cloudTrail(Records.call("s3.amazonaws.com", "ListBuckets", TOR, SDK, "{}", null, T0 + 2));
            assertThat(types(h.candidates())).containsExactly("Recon:IAMUser/TorIPCaller");
            // turned on: analysed
            account(h, true);
            h.cloudTrail(call("GetObject", "payroll", "a.csv", TOR, SDK, T0 + 3));
            assertThat(types(h.candidates())).containsExactly("UnauthorizedAccess:S3/TorIPCaller");
        }
    }

    @Test
    void knownMaliciousCallersByTactic() {
        try (Harness h = new Harness()) {
            account(h, true);
            h.cloudTrail(call("GetObject", "data", "x", MALICIOUS, SDK, T0));
            h.cloudTrail(call("CopyObject", "data", "y", MALICIOUS, SDK, T0 + 1));
            h.cloudTrail(call("PutObject", "data", "x", MALICIOUS, SDK, T0 + 2));
            h.cloudTrail(call("DeleteObject", "data", "x", MALICIOUS, SDK, T0 + 3));
            h.cloudTrail(call("GetObjectAcl", "data", "x", MALICIOUS, SDK, T0 + 4));
            assertThat(types(h.candidates())).containsExactly("Exfiltration:S3/MaliciousIPCaller",
                    "Exfiltration:S3/MaliciousIPCaller", "Impact:S3/MaliciousIPCaller", "Impact:S3/MaliciousIPCaller",
                    "Discovery:S3/MaliciousIPCaller");
            // look-alikes: the neighbour of a listed address, and a private caller (through a VPC endpoint)
            h.cloudTrail(call("GetObject", "data", "x", "1.1.104.13", SDK, T0 + 5));
            h.cloudTrail(call("GetObject", "data", "x", "10.1.2.3", SDK, T0 + 6));
            assertThat(h.candidates()).isEmpty();
        }
    }

    @Test
    void customThreatListAndTrustedList() {
        try (Harness h = new Harness()) {
            account(h, true);
            h.lists(lists());
            h.cloudTrail(call("ListObjectsV2", "data", null, CUSTOM, SDK, T0));
            h.cloudTrail(call("PutObjectAcl", "data", "x", CUSTOM, SDK, T0 + 1));
            List<FindingCandidate> out = h.candidates();
            assertThat(types(out)).containsExactly("Discovery:S3/MaliciousIPCaller.Custom",
                    "UnauthorizedAccess:S3/MaliciousIPCaller.Custom");
            assertThat(out.get(0).finding().service().evidence().path("threatIntelligenceDetails").get(0)
                    .path("threatListName").asText()).isEqualTo("my-threats");
            // on the threat list and the trusted list: trusted wins; on both a built-in and the trusted list too
            h.cloudTrail(call("GetObject", "data", "x", TRUSTED, SDK, T0 + 2));
            h.lists(new ThreatListState(1, Harness.ACCOUNT, 17_004, List.of(new ListContent("t1", Harness.ACCOUNT,
                    Harness.REGION, "office", List.of(TOR + "/32"), null)), List.of(), 1L));
            h.cloudTrail(call("GetObject", "data", "x", TOR, SDK, T0 + 3));
            assertThat(h.candidates()).isEmpty();
        }
    }

    @Test
    void penetrationTestingDistributions() {
        try (Harness h = new Harness()) {
            account(h, true);
            h.cloudTrail(call("ListObjects", "data", null, CLEAN,
                    "aws-cli/2.13.25 Python/3.11.6 Linux/6.5.0-kali3-amd64 exe/x86_64.kali.2023", T0));
            h.cloudTrail(call("GetObject", "data", "k", CLEAN, "Boto3/1.28 Python/3.11 Linux/6.1.0-parrot1-amd64",
                    T0 + 1));
            h.cloudTrail(call("GetObject", "data", "k", CLEAN, "aws-cli/1.29 Linux/6.1.31-pentoo", T0 + 2));
            List<FindingCandidate> out = h.candidates();
            assertThat(types(out)).containsExactly("PenTest:S3/KaliLinux", "PenTest:S3/ParrotLinux",
                    "PenTest:S3/PentooLinux");
            assertThat(out).allSatisfy(c -> assertThat(c.finding().severity()).isEqualTo(5.0));
            // look-alikes: words that contain the names
            h.cloudTrail(call("GetObject", "data", "k", CLEAN, "kalimba-sync/1.0 parroting/2 pentoolbox/3", T0 + 3));
            assertThat(h.candidates()).isEmpty();
        }
    }
}
