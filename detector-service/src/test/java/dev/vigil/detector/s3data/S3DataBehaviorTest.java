package dev.vigil.detector.s3data;

import static dev.vigil.detector.s3data.S3Events.SDK;
import static dev.vigil.detector.s3data.S3Events.account;
import static dev.vigil.detector.s3data.S3Events.call;
import static dev.vigil.detector.s3data.S3Events.instanceRole;
import static dev.vigil.detector.streams.Records.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.detector.streams.Harness;
import dev.vigil.events.FindingCandidate;
import dev.vigil.events.ThreatListState;
import dev.vigil.events.ThreatListState.ListContent;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The learned S3 data-event types: eight days of an application's usual calls (longer than the 7-day learning
 * period), then the call to judge.
 */
class S3DataBehaviorTest {

    private static final long DAY = 86_400L;
    private static final String HOME = "52.94.10.";       // the application's own network (/16 52.94.0.0)
    private static final String ELSEWHERE = "45.83.12.9";  // another network, on no list
    private static final List<String> USUAL = List.of("GetObject", "PutObject", "ListObjects", "DeleteObject",
            "PutObjectAcl");

    private static List<String> types(List<FindingCandidate> c) {
        return c.stream().map(x -> x.finding().type()).toList();
    }

    /** Eight days of the usual calls of {@code identity} from {@link #HOME} with the Java SDK, a few an hour. */
    private static void learn(Harness h, String identity) {
        for (long s = 0; s < 8 * DAY; s += 3_600) {
            String api = USUAL.get((int) (s / 3_600 % USUAL.size()));
            h.cloudTrail(call(identity, api, "orders", "o/" + s, HOME + (s % 7 + 1), SDK, T0 + s));
        }
        assertThat(h.candidates()).isEmpty();
    }

    private static String alice() {
        return """
                {"type":"IAMUser","principalId":"AIDAEXAMPLE","arn":"arn:aws:iam::111111111111:user/alice",
                "accountId":"111111111111","accessKeyId":"AKIAEXAMPLE","userName":"alice"}""";
    }

    @Test
    void unusualObjectReadAndEveryTacticFromANewNetwork() {
        try (Harness h = new Harness()) {
            account(h, true);
            learn(h, alice());
            long t = T0 + 8 * DAY + 60;
            String[][] cases = {{"GetObject", "Exfiltration:S3/ObjectRead.Unusual", "5.0"},
                {"ListObjects", "Discovery:S3/AnomalousBehavior", "2.0"},
                {"PutObject", "Impact:S3/AnomalousBehavior.Write", "5.0"},
                {"DeleteObject", "Impact:S3/AnomalousBehavior.Delete", "8.0"},
                {"PutObjectAcl", "Impact:S3/AnomalousBehavior.Permission", "8.0"}};
            int n = 0;
            for (String[] c : cases) {
                // each from a network of its own: an unusual network, once reported, is learned
                String from = (45 + n) + ".83.12.9";
                h.cloudTrail(call(c[0], "orders", "o/x", from, "python-requests/2.31.0", t++));
                List<FindingCandidate> out = h.candidates();
                assertThat(types(out)).as(c[0]).containsExactly(c[1]);
                assertThat(out.get(0).finding().severity()).as(c[0]).isEqualTo(Double.parseDouble(c[2]));
                assertThat(out.get(0).finding().service().detection().toString()).contains((45 + n++) + ".83.0.0/16");
                assertThat(out.get(0).finding().resource().path("s3BucketDetails").get(0).path("name").asText())
                        .isEqualTo("orders");
            }
        }
    }

    @Test
    void usualCallsOnNewBucketsAndObjectsAreNotUnusual() {
        try (Harness h = new Harness()) {
            account(h, true);
            learn(h, alice());
            long t = T0 + 8 * DAY + 60;
            for (String api : USUAL) {
                h.cloudTrail(call(api, "orders-2027", "new/object-" + t, HOME + "200", SDK, t++));
            }
            // an SDK upgrade is the same product
            h.cloudTrail(call("GetObject", "orders", "o/1", HOME + "3",
                    "aws-sdk-java/2.29.0 Linux/6.1 OpenJDK_64-Bit_Server_VM/21", t++));
            assertThat(h.candidates()).isEmpty();
        }
    }

    @Test
    void instanceCredentialsReadingUnusuallyAreHigh() {
        try (Harness h = new Harness()) {
            account(h, true);
            learn(h, instanceRole());
            h.cloudTrail(call(instanceRole(), "GetObject", "orders", "o/1", ELSEWHERE, SDK, T0 + 8 * DAY + 60));
            List<FindingCandidate> out = h.candidates();
            assertThat(types(out)).containsExactly("Exfiltration:S3/ObjectRead.Unusual");
            assertThat(out.get(0).finding().severity()).isEqualTo(8.0);
        }
    }

    @Test
    void nothingIsReportedWhileLearning() {
        try (Harness h = new Harness()) {
            account(h, true);
            h.cloudTrail(call("GetObject", "orders", "o/1", HOME + "1", SDK, T0));
            h.cloudTrail(call("GetObject", "orders", "o/1", ELSEWHERE, "python-requests/2.31.0", T0 + 6 * DAY));
            assertThat(h.candidates()).isEmpty();
        }
    }

    @Test
    void aTrustedCallerIsNeitherReportedNorLearned() {
        try (Harness h = new Harness()) {
            account(h, true);
            h.lists(new ThreatListState(1, Harness.ACCOUNT, /* versions name one content across tests */ 17_005, List.of(new ListContent("t1", Harness.ACCOUNT,
                    Harness.REGION, "office", List.of("45.83.12.0/24"), null)), List.of(), 1L));
            learn(h, alice());
            h.cloudTrail(call("GetObject", "orders", "o/1", ELSEWHERE, "python-requests/2.31.0", T0 + 8 * DAY + 60));
            assertThat(h.candidates()).isEmpty();
            // the same call from the untrusted neighbour network is reported
            h.cloudTrail(call("GetObject", "orders", "o/1", "45.83.13.9", "python-requests/2.31.0",
                    T0 + 8 * DAY + 61));
            assertThat(types(h.candidates())).containsExactly("Exfiltration:S3/ObjectRead.Unusual");
        }
    }

    @Test
    void aBulkDownloadFromTheUsualPlaceIsExfiltrationAnomalousBehavior() {
        try (Harness h = new Harness()) {
            account(h, true);
            learn(h, alice());
            long t = T0 + 8 * DAY + 3_600;
            // benign: 60 reads in ten minutes, under the 100-call floor
            for (int i = 0; i < 60; i++) {
                h.cloudTrail(call("GetObject", "orders", "o/" + i, HOME + "4", SDK, t + i * 5));
            }
            assertThat(h.candidates()).isEmpty();
            t += 3_600;
            for (int i = 0; i < 150; i++) {
                h.cloudTrail(call("GetObject", "orders", "o/" + i, HOME + "4", SDK, t + i * 3));
            }
            List<FindingCandidate> out = h.candidates();
            assertThat(types(out)).containsExactly("Exfiltration:S3/AnomalousBehavior");
            assertThat(out.get(0).finding().severity()).isEqualTo(8.0);
        }
    }
}
