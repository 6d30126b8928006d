package dev.vigil.detector.sequence;

import static dev.vigil.detector.sequence.Chains.CLI;
import static dev.vigil.detector.sequence.Chains.OFFICE;
import static dev.vigil.detector.sequence.Chains.TOR;
import static dev.vigil.detector.sequence.Chains.bucket;
import static dev.vigil.detector.sequence.Chains.call;
import static dev.vigil.detector.sequence.Chains.object;
import static dev.vigil.detector.sequence.Chains.user;
import static dev.vigil.detector.streams.Records.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.detector.streams.Harness;
import dev.vigil.detector.streams.Records;
import dev.vigil.events.FindingCandidate;
import dev.vigil.events.Json;
import dev.vigil.events.ThreatListState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Attack sequences end to end through the real detector topology ({@link Harness}: TopologyTestDriver, real serdes,
 * stores and repartition, nothing mocked): a realistic chain per sequence type, and the benign look-alikes that must
 * stay single findings or nothing. Every emitted finding is checked against the GuardDuty model's shapes.
 */
class AttackSequenceTest {

    private static final String S3 = "s3.amazonaws.com";
    private static final String IAM = "iam.amazonaws.com";
    private static final String STS = "sts.amazonaws.com";
    private static final String TRAIL = "cloudtrail.amazonaws.com";

    private static List<FindingCandidate> sequences(List<FindingCandidate> all) {
        return all.stream().filter(c -> c.finding().type().startsWith("AttackSequence:")).toList();
    }

    private static JsonNode sequence(FindingCandidate c) {
        return Json.MAPPER.valueToTree(c.finding()).at("/service/detection/sequence");
    }

    /** Keys stolen and used from a Tor exit: discovery, a key for another user, CloudTrail stopped. */
    private static void stolenKeyChain(Harness h, long t) {
        h.cloudTrail(call("alice", STS, "GetCallerIdentity", TOR, CLI, "{}", t));
        h.cloudTrail(call("alice", S3, "ListBuckets", TOR, CLI, "{}", t + 20));
        h.cloudTrail(call("alice", IAM, "ListUsers", TOR, CLI, "{}", t + 45));
        h.cloudTrail(call("alice", IAM, "CreateAccessKey", TOR, CLI, user("bob"), t + 120));
        h.cloudTrail(call("alice", TRAIL, "StopLogging", TOR, CLI, "{\"name\":\"main-trail\"}", t + 300));
    }

    /** From a Tor exit: a first look ({@code firstCall}), 25 backups read, then all of them deleted. */
    private static void backupsStolenAndDeleted(Harness h, String user, String firstSource, String firstCall, long t) {
        h.cloudTrail(call(user, firstSource, firstCall, TOR, CLI, "{}", t));
        for (int i = 0; i < 25; i++) {
            h.cloudTrail(call(user, S3, "GetObject", TOR, CLI, object("backups", "db-" + i + ".dump"), t + 30 + i));
        }
        h.cloudTrail(call(user, S3, "DeleteObjects", TOR, CLI, bucket("backups"), t + 200));
    }

    @Test
    void stolenKeysFromTorBecomeOneCredentialSequenceThatGrowsIntoDataCompromise() {
        try (Harness h = new Harness()) {
            h.account(Harness.ACCOUNT, "ENABLED");
            stolenKeyChain(h, T0);
            List<FindingCandidate> all = h.allCandidates();
            List<FindingCandidate> seqs = sequences(all);
            assertThat(seqs).isNotEmpty();
            FindingCandidate iam = seqs.get(seqs.size() - 1);
            assertThat(iam.finding().type()).isEqualTo(SequenceRules.IAM);
            assertThat(iam.finding().severity()).isBetween(9.0, 10.0);
            JsonNode seq = sequence(iam);
            assertThat(seq.path("uid").asText()).isEqualTo(iam.finding().id());
            List<String> signalNames = new ArrayList<>();
            seq.path("signals").forEach(s -> signalNames.add(s.path("name").asText()));
            assertThat(signalNames).contains("CreateAccessKey", "StopLogging", "ListBuckets", "GetCallerIdentity");
            assertThat(signalNames).anyMatch(n -> n.contains("TorIPCaller"));
            // the Tor finding is named by its finding ID, as GuardDuty's signals do
            String torId = all.stream().filter(c -> c.finding().type().contains("TorIPCaller")).findFirst().orElseThrow()
                    .finding().id();
            List<String> uids = new ArrayList<>();
            seq.path("signals").forEach(s -> uids.add(s.path("uid").asText()));
            assertThat(uids).contains(torId);
            List<String> tactics = indicator(seq, "ATTACK_TACTIC");
            assertThat(tactics).contains("Discovery", "Persistence", "Defense Evasion");
            assertThat(tactics.indexOf("Discovery")).isLessThan(tactics.indexOf("Defense Evasion"));
            assertThat(indicator(seq, "ATTACK_TECHNIQUE")).contains("T1098.001 Account Manipulation: Additional Cloud Credentials",
                    "T1562.008 Impair Defenses: Disable or Modify Cloud Logs");
            assertThat(indicator(seq, "HIGH_RISK_API")).contains("CreateAccessKey", "StopLogging");
            assertThat(indicator(seq, "TOR_IP")).containsExactly(TOR);
            assertThat(seq.path("actors").get(0).path("user").path("credentialUid").asText()).isEqualTo("AKIAALICE");
            assertThat(seq.path("endpoints").get(0).path("ip").asText()).isEqualTo(TOR);

            // then a burst of object reads: the same finding grows and becomes a data compromise
            for (int i = 0; i < 60; i++) {
                h.cloudTrail(call("alice", S3, "GetObject", TOR, CLI, object("payroll", "2026/" + i + ".csv"), T0 + 600 + i));
            }
            List<FindingCandidate> later = sequences(h.allCandidates());
            assertThat(later).isNotEmpty().allMatch(c -> c.finding().id().equals(iam.finding().id()));
            FindingCandidate s3 = later.get(later.size() - 1);
            assertThat(s3.finding().type()).isEqualTo(SequenceRules.S3);
            assertThat(s3.finding().severity()).isGreaterThan(iam.finding().severity()).isLessThanOrEqualTo(10.0);
            JsonNode grown = sequence(s3);
            JsonNode reads = signal(grown, "GetObject");
            assertThat(reads.path("type").asText()).isEqualTo("S3_DATA_EVENTS");
            assertThat(grown.path("signals").size()).isGreaterThan(seq.path("signals").size());
            assertThat(indicator(grown, "ATTACK_TACTIC")).contains("Collection");
            assertThat(resourceUids(grown)).contains("arn:aws:s3:::payroll", "AKIAALICE");
            // every occurrence is counted once across the updates (the first includes the chain's events so far)
            long counted = all.stream().filter(c -> c.finding().id().equals(iam.finding().id()))
                    .mapToLong(c -> c.finding().service().count()).sum()
                    + later.stream().mapToLong(c -> c.finding().service().count()).sum();
            h.advanceWallClock(java.time.Duration.ofSeconds(11));
            counted += sequences(h.allCandidates()).stream().mapToLong(c -> c.finding().service().count()).sum();
            long events = 0;
            for (JsonNode s : grown.path("signals")) {
                events += s.path("count").asLong();
            }
            assertThat(counted).isGreaterThanOrEqualTo(events - 1);
        }
    }

    @Test
    void theChainDeliveredNewestFirstIsTheSameSequence() {
        try (Harness h = new Harness()) {
            h.account(Harness.ACCOUNT, "ENABLED");
            // a backfill written newest file first: StopLogging arrives before the Tor discovery that anchors it
            h.cloudTrail(call("frank", TRAIL, "StopLogging", TOR, CLI, "{\"name\":\"main-trail\"}", T0 + 300));
            h.cloudTrail(call("frank", IAM, "CreateAccessKey", TOR, CLI, user("bob"), T0 + 120));
            h.cloudTrail(call("frank", S3, "ListBuckets", TOR, CLI, "{}", T0 + 20));
            List<FindingCandidate> seqs = sequences(h.allCandidates());
            assertThat(seqs).isNotEmpty();
            FindingCandidate last = seqs.get(seqs.size() - 1);
            assertThat(last.finding().type()).isEqualTo(SequenceRules.IAM);
            assertThat(seqs).allMatch(c -> c.finding().id().equals(last.finding().id()));
            assertThat(indicator(sequence(last), "ATTACK_TACTIC")).startsWith("Discovery").contains("Persistence",
                    "Defense Evasion");
            assertThat(last.finding().service().eventFirstSeen()).isEqualTo(java.time.Instant.ofEpochSecond(T0 + 20)
                    .toString().replace("Z", ".000Z"));
        }
    }

    @Test
    void dataDestructionWithoutAPriorCredentialSequenceIsAnS3SequenceFromTheStart() {
        try (Harness h = new Harness()) {
            h.account(Harness.ACCOUNT, "ENABLED");
            backupsStolenAndDeleted(h, "carol", S3, "ListBuckets", T0);
            List<FindingCandidate> seqs = sequences(h.allCandidates());
            assertThat(seqs).isNotEmpty();
            assertThat(seqs.get(0).finding().type()).isEqualTo(SequenceRules.S3);
            assertThat(indicator(sequence(seqs.get(seqs.size() - 1)), "ATTACK_TECHNIQUE"))
                    .contains("T1530 Data from Cloud Storage", "T1485 Data Destruction");
        }
    }

    @Test
    void compromiseSignalsOnTwoInstancesOfOneVpcAreAnInstanceGroupSequence() {
        try (Harness h = new Harness()) {
            h.account(Harness.ACCOUNT, "ENABLED").lists(threats());
            h.flow(Records.flow("eni-1", "i-1", "10.0.0.5", BAD, 40000, 443, 6, 10, "ACCEPT", T0));
            assertThat(sequences(h.allCandidates())).isEmpty();
            h.flow(Records.flow("eni-2", "i-2", "10.0.0.6", BAD, 40001, 443, 6, 10, "ACCEPT", T0 + 90));
            List<FindingCandidate> seqs = sequences(h.allCandidates());
            assertThat(seqs).hasSize(1);
            FindingCandidate ec2 = seqs.get(0);
            assertThat(ec2.finding().type()).isEqualTo(SequenceRules.EC2);
            assertThat(ec2.finding().severity()).isBetween(9.0, 10.0);
            assertThat(resourceUids(sequence(ec2))).containsExactlyInAnyOrder("i-1", "i-2");
            assertThat(indicator(sequence(ec2), "MALICIOUS_IP")).containsExactly(BAD);
        }
    }

    @Test
    void anAdministratorsBusyDayFromTheOfficeIsNoSequence() {
        try (Harness h = new Harness()) {
            h.account(Harness.ACCOUNT, "ENABLED");
            String[][] apis = {{IAM, "ListUsers"}, {IAM, "CreateUser"}, {IAM, "AttachUserPolicy"}, {IAM, "ListRoles"},
                    {S3, "ListBuckets"}, {S3, "PutBucketPolicy"}, {"ec2.amazonaws.com", "DescribeInstances"},
                    {"ec2.amazonaws.com", "AuthorizeSecurityGroupIngress"}, {"secretsmanager.amazonaws.com", "GetSecretValue"},
                    {TRAIL, "UpdateTrail"}, {"ec2.amazonaws.com", "TerminateInstances"}, {S3, "DeleteBucket"}};
            for (int i = 0; i < 400; i++) {
                String[] api = apis[i % apis.length];
                String req = api[1].equals("CreateAccessKey") ? user("new-hire-" + i) : bucket("team-" + (i % 7));
                h.cloudTrail(call("admin", api[0], api[1], OFFICE, CLI, req, T0 + i * 60L));
                if (i % 50 == 0) {
                    h.cloudTrail(call("admin", IAM, "CreateAccessKey", OFFICE, CLI, user("new-hire-" + i), T0 + i * 60L + 1));
                }
            }
            for (int i = 0; i < 300; i++) {
                h.cloudTrail(call("admin", S3, "GetObject", OFFICE, CLI, object("team-1", "report-" + i), T0 + 30_000 + i));
            }
            assertThat(sequences(h.allCandidates())).isEmpty();
        }
    }

    @Test
    void aRoleSessionsOwnWorkFromItsInstanceIsNotPartOfTheThiefsChain() {
        try (Harness h = new Harness()) {
            h.account(Harness.ACCOUNT, "ENABLED");
            // the instance role's daily work from the instance's own address: secrets, parameters, objects
            for (int i = 0; i < 50; i++) {
                long t = T0 + i * 600L;
                h.cloudTrail(Chains.roleCall("web-role", "i-0web1", "secretsmanager.amazonaws.com", "GetSecretValue",
                        "3.84.20.7", "{\"secretId\":\"db\"}", t));
                h.cloudTrail(Chains.roleCall("web-role", "i-0web1", S3, "GetObject", "3.84.20.7", object("assets", "a" + i), t + 1));
                h.cloudTrail(Chains.roleCall("web-role", "i-0web1", "ssm.amazonaws.com", "GetParameter", "3.84.20.7", "{}", t + 2));
            }
            // its credentials used from a Tor exit for a little discovery
            h.cloudTrail(Chains.roleCall("web-role", "i-0web1", STS, "GetCallerIdentity", TOR, "{}", T0 + 30_000));
            h.cloudTrail(Chains.roleCall("web-role", "i-0web1", S3, "ListBuckets", TOR, "{}", T0 + 30_040));
            List<FindingCandidate> all = h.allCandidates();
            assertThat(all).anyMatch(c -> c.finding().type().contains("TorIPCaller"));
            assertThat(sequences(all)).isEmpty();
        }
    }

    @Test
    void aCiRoleThatCreatesKeysAndBucketsEveryNightIsNoSequence() {
        try (Harness h = new Harness()) {
            h.account(Harness.ACCOUNT, "ENABLED");
            for (int night = 0; night < 3; night++) {
                long t = T0 + night * 86_400L;
                h.cloudTrail(Chains.roleCall("ci-deploy", "nightly", IAM, "CreateAccessKey", "203.0.113.40", user("svc-app"), t));
                h.cloudTrail(Chains.roleCall("ci-deploy", "nightly", S3, "CreateBucket", "203.0.113.40", bucket("build-" + night), t + 5));
                h.cloudTrail(Chains.roleCall("ci-deploy", "nightly", S3, "PutBucketPolicy", "203.0.113.40", bucket("build-" + night), t + 6));
                h.cloudTrail(Chains.roleCall("ci-deploy", "nightly", IAM, "AttachRolePolicy", "203.0.113.40", "{}", t + 7));
                h.cloudTrail(Chains.roleCall("ci-deploy", "nightly", S3, "DeleteBucket", "203.0.113.40", bucket("build-" + (night - 1)), t + 8));
                h.cloudTrail(Chains.roleCall("ci-deploy", "nightly", STS, "GetCallerIdentity", "203.0.113.40", "{}", t + 9));
            }
            assertThat(sequences(h.allCandidates())).isEmpty();
        }
    }

    @Test
    void anAutoScalingGroupScalingOutWithOneCompromisedInstanceIsNoGroupSequence() {
        try (Harness h = new Harness()) {
            h.account(Harness.ACCOUNT, "ENABLED").lists(threats());
            for (int i = 0; i < 20; i++) {
                // new instances of the group, ordinary HTTPS to public services
                h.flow(Records.flow("eni-a" + i, "i-a" + i, "10.0.1." + (10 + i), "52.94.236.248", 40000 + i, 443, 6,
                        20, "ACCEPT", T0 + i * 30L));
            }
            h.flow(Records.flow("eni-a0", "i-a0", "10.0.1.10", BAD, 41000, 443, 6, 10, "ACCEPT", T0 + 700));
            List<FindingCandidate> all = h.allCandidates();
            assertThat(all).anyMatch(c -> c.finding().type().startsWith("UnauthorizedAccess:EC2/"));
            assertThat(sequences(all)).isEmpty();
        }
    }

    @Test
    void theChainFromATrustedAddressIsNoSequence() {
        try (Harness h = new Harness()) {
            h.account(Harness.ACCOUNT, "ENABLED").lists(new ThreatListState(1, Harness.ACCOUNT, 7701,
                    List.of(new ThreatListState.ListContent("t1", Harness.ACCOUNT, Harness.REGION, "pentest-egress",
                            List.of(TOR + "/32"), null)), List.of(), 7701L));
            stolenKeyChain(h, T0);
            assertThat(sequences(h.allCandidates())).isEmpty();
        }
    }

    @Test
    void stepsMoreThanADayAfterTheSuspiciousUseAreNotChainedToIt() {
        try (Harness h = new Harness()) {
            h.account(Harness.ACCOUNT, "ENABLED");
            h.cloudTrail(call("dave", S3, "ListBuckets", TOR, CLI, "{}", T0));
            long later = T0 + 25 * 3600;
            h.cloudTrail(call("dave", IAM, "CreateAccessKey", OFFICE, CLI, user("erin"), later));
            h.cloudTrail(call("dave", TRAIL, "StopLogging", OFFICE, CLI, "{}", later + 60));
            h.cloudTrail(call("dave", IAM, "AttachUserPolicy", OFFICE, CLI, "{}", later + 120));
            assertThat(sequences(h.allCandidates())).isEmpty();
        }
    }

    @Test
    void theThiefBackAWeekLaterAfterDailyOfficeWorkIsANewSequenceNotTheOldOneStretched() {
        try (Harness h = new Harness()) {
            h.account(Harness.ACCOUNT, "ENABLED");
            stolenKeyChain(h, T0);
            // alice's own work from the office every 20 hours: signals of hers, never a day apart, none the thief's
            long back = T0 + 7 * 86_400L;
            for (long t = T0 + 3_600; t < back - 3_600; t += 20 * 3_600) {
                h.cloudTrail(call("alice", S3, "ListBuckets", OFFICE, CLI, "{}", t));
                h.cloudTrail(call("alice", S3, "GetObject", OFFICE, CLI, object("reports", "q" + t + ".pdf"), t + 60));
            }
            backupsStolenAndDeleted(h, "alice", STS, "GetCallerIdentity", back);
            List<FindingCandidate> seqs = sequences(h.allCandidates());
            assertThat(seqs).isNotEmpty();
            FindingCandidate first = seqs.get(0);
            FindingCandidate last = seqs.get(seqs.size() - 1);
            assertThat(last.finding().id()).as("the second theft's sequence").isNotEqualTo(first.finding().id());
            assertThat(last.finding().type()).isEqualTo(SequenceRules.S3);
            long dayBefore = (back - 86_400L) * 1000;
            assertThat(java.time.Instant.parse(last.finding().service().eventFirstSeen()).toEpochMilli())
                    .as("the second sequence's first event").isGreaterThanOrEqualTo(dayBefore);
            sequence(last).path("signals").forEach(sig -> assertThat(sig.path("firstSeenAt").asLong() * 1000)
                    .as("first seen of signal %s", sig.path("name").asText()).isGreaterThanOrEqualTo(dayBefore));
        }
    }

    static final String BAD = "192.0.2.66";

    private static ThreatListState threats() {
        // a version of its own: compiled lists are cached by account, region, version and time across tests
        return new ThreatListState(1, Harness.ACCOUNT, 7702, List.of(), List.of(new ThreatListState.ListContent("l1",
                Harness.ACCOUNT, Harness.REGION, "c2-servers", List.of(BAD), null)), 7702L);
    }

    private static List<String> indicator(JsonNode seq, String key) {
        List<String> out = new ArrayList<>();
        for (JsonNode i : seq.path("sequenceIndicators")) {
            if (key.equals(i.path("key").asText())) {
                i.path("values").forEach(v -> out.add(v.asText()));
            }
        }
        return out;
    }

    private static JsonNode signal(JsonNode seq, String name) {
        for (JsonNode s : seq.path("signals")) {
            if (name.equals(s.path("name").asText())) {
                return s;
            }
        }
        throw new AssertionError("no signal " + name + " in " + seq);
    }

    private static List<String> resourceUids(JsonNode seq) {
        List<String> out = new ArrayList<>();
        seq.path("resources").forEach(r -> out.add(r.path("uid").asText()));
        return out;
    }
}
