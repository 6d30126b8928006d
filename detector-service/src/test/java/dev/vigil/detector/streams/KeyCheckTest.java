package dev.vigil.detector.streams;

import static dev.vigil.detector.streams.Records.T0;
import static dev.vigil.detector.streams.Records.flow;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.events.AccountState;
import dev.vigil.events.CloudTrailRecord;
import dev.vigil.events.Json;
import dev.vigil.events.ThreatListState;
import dev.vigil.events.ThreatListState.ListContent;
import dev.vigil.events.Topics;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The topology's tenancy check through the real topology ({@link Harness}: TopologyTestDriver, real serdes, the
 * real {@code KeyGuard} counting into a Micrometer registry): a record whose account does not match its key is
 * dropped and counted, a matching one is analysed.
 */
class KeyCheckTest {

    static final String A222 = "222222222222";
    static final String BAD = "203.0.113.66";

    private Harness h;

    @BeforeEach
    void start() {
        h = new Harness().account(Harness.ACCOUNT, "ENABLED").account(A222, "ENABLED");
    }

    @AfterEach
    void stop() {
        h.close();
    }

    /** A root API call of {@code account}: one Policy:IAMUser/RootCredentialUsage finding when analysed. */
    static CloudTrailRecord rootCall(String account, String eventId) {
        CloudTrailRecord r = Records.cloudTrail("""
                {"eventVersion":"1.08","userIdentity":{"type":"Root","principalId":"111111111111",
                "arn":"arn:aws:iam::111111111111:root","accountId":"111111111111","accessKeyId":"ASIAROOT"},
                "eventTime":"2026-11-29T10:00:01Z","eventSource":"iam.amazonaws.com","eventName":"ListUsers",
                "awsRegion":"us-east-1","sourceIPAddress":"198.51.100.20","userAgent":"aws-cli/2","eventID":"%s",
                "eventType":"AwsApiCall","readOnly":true}""".formatted(eventId));
        ObjectNode o = Json.MAPPER.valueToTree(r);
        o.put("accountId", account);
        return Json.MAPPER.convertValue(o, CloudTrailRecord.class);
    }

    @Test
    void aLogRecordUnderAnotherAccountsKeyIsDroppedAndCounted() {
        CloudTrailRecord own = rootCall(Harness.ACCOUNT, "e-1");
        h.cloudTrail(own.key(), own);
        assertThat(h.candidates()).singleElement()
                .satisfies(c -> assertThat(c.finding().accountId()).isEqualTo(Harness.ACCOUNT));
        assertThat(h.dropped(Topics.CLOUDTRAIL)).isZero();

        // 111111111111's record written under 222222222222's key: it must analyse as neither
        h.cloudTrail(A222 + "/" + "111111111111", rootCall(Harness.ACCOUNT, "e-2"));
        assertThat(h.candidates()).isEmpty();
        assertThat(h.dropped(Topics.CLOUDTRAIL)).isEqualTo(1.0);
    }

    @Test
    void anAccountStateUnderAnotherAccountsKeyIsNeverUsed() {
        String a333 = "333333333333";
        // 333333333333 has no state of its own; a state naming 111111111111 is written under its key
        h.account(a333, new AccountState(1, Harness.ACCOUNT, 2, List.of(new AccountState.Detector(Harness.DETECTOR,
                Harness.REGION, "ENABLED", "SIX_HOURS", true, true, true, 0L)), null, List.of(), 0L));
        CloudTrailRecord r = rootCall(a333, "e-3");
        h.cloudTrail(r.key(), r);
        assertThat(h.candidates()).isEmpty();
        assertThat(h.dropped(Topics.ACCOUNTS_STATE)).isEqualTo(1.0);
        assertThat(h.dropped(Topics.CLOUDTRAIL)).isZero();
    }

    @Test
    void threatListsUnderAnotherAccountsKeyAreIgnored() {
        ThreatListState of222 = new ThreatListState(1, A222, 1, List.of(),
                List.of(new ListContent("l1", A222, Harness.REGION, "theirs", List.of(BAD), null)), 1L);
        h.lists(Harness.ACCOUNT, of222);
        h.flow(flow("172.31.0.5", BAD, 40000, 443, 6, 10, "ACCEPT", T0));
        assertThat(h.candidates()).isEmpty();
        assertThat(h.dropped(Topics.THREAT_LISTS)).isEqualTo(1.0);

        // the same list under its own key applies to its own account only
        ThreatListState of111 = new ThreatListState(1, Harness.ACCOUNT, 2, List.of(),
                List.of(new ListContent("l1", Harness.ACCOUNT, Harness.REGION, "mine", List.of(BAD), null)), 1L);
        h.lists(Harness.ACCOUNT, of111);
        h.flow(flow("172.31.0.5", BAD, 40001, 443, 6, 10, "ACCEPT", T0 + 1));
        assertThat(h.candidates()).extracting(c -> c.finding().type())
                .containsExactly("UnauthorizedAccess:EC2/MaliciousIPCaller.Custom");
        assertThat(h.dropped(Topics.THREAT_LISTS)).isEqualTo(1.0);
    }
}
