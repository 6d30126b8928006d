package dev.vigil.findings.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.events.Json;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How a new occurrence updates a stored finding ({@link FindingStore#merge}); plain JUnit. */
class FindingMergeTest {

    private static ObjectNode doc(String json) {
        return (ObjectNode) Json.read(json, JsonNode.class);
    }

    private static final ObjectNode STORED = doc("""
            {"id":"f1","accountId":"111111111111","region":"us-east-1","type":"Recon:EC2/Portscan","severity":5.0,
             "title":"old title","createdAt":"2026-11-01T00:00:00.000Z","updatedAt":"2026-11-01T00:00:00.000Z",
             "resource":{"instanceDetails":{"instanceId":"i-1"}},
             "service":{"count":10,"eventFirstSeen":"2026-11-01T00:00:00.000Z","eventLastSeen":"2026-11-01T01:00:00.000Z",
                        "archived":true,"userFeedback":"USEFUL","action":{"actionType":"NETWORK_CONNECTION"}}}
            """);

    @Test
    void countsAddUpAndTheWindowWidens() {
        ObjectNode merged = FindingStore.merge(STORED, doc("""
                {"id":"f1","severity":2.0,"service":{"count":3,"eventFirstSeen":"2026-10-31T23:00:00.000Z",
                 "eventLastSeen":"2026-11-01T00:30:00.000Z"}}
                """));
        assertThat(merged.at("/service/count").asLong()).isEqualTo(13);
        assertThat(merged.at("/service/eventFirstSeen").asText()).isEqualTo("2026-10-31T23:00:00.000Z");
        assertThat(merged.at("/service/eventLastSeen").asText()).isEqualTo("2026-11-01T01:00:00.000Z");
        assertThat(merged.get("severity").asDouble()).as("the highest severity stays").isEqualTo(5.0);
    }

    @Test
    void theLatestDetailsWinAndTheUsersDecisionsStay() {
        Instant before = Instant.now();
        ObjectNode merged = FindingStore.merge(STORED, doc("""
                {"id":"f1","severity":8.0,"title":"new title","resource":{"instanceDetails":{"instanceId":"i-2"}},
                 "service":{"count":1,"eventFirstSeen":"2026-11-02T00:00:00.000Z","eventLastSeen":"2026-11-02T00:00:00.000Z",
                            "action":{"actionType":"PORT_PROBE"}}}
                """));
        assertThat(merged.get("severity").asDouble()).isEqualTo(8.0);
        assertThat(merged.get("title").asText()).isEqualTo("new title");
        assertThat(merged.at("/resource/instanceDetails/instanceId").asText()).isEqualTo("i-2");
        assertThat(merged.at("/service/action/actionType").asText()).isEqualTo("PORT_PROBE");
        assertThat(merged.at("/service/archived").asBoolean()).isTrue();
        assertThat(merged.at("/service/userFeedback").asText()).isEqualTo("USEFUL");
        assertThat(merged.get("createdAt").asText()).isEqualTo("2026-11-01T00:00:00.000Z");
        assertThat(Instant.parse(merged.get("updatedAt").asText())).isAfterOrEqualTo(before.truncatedTo(
                java.time.temporal.ChronoUnit.MILLIS));
        assertThat(STORED.at("/service/count").asLong()).as("the stored document is not changed").isEqualTo(10);
    }

    @Test
    void absentMembersOfTheOccurrenceKeepTheStoredOnes() {
        ObjectNode merged = FindingStore.merge(STORED, doc("{\"id\":\"f1\",\"severity\":1.0,\"service\":{}}"));
        assertThat(merged.at("/service/count").asLong()).as("an occurrence counts at least once").isEqualTo(11);
        assertThat(merged.get("title").asText()).isEqualTo("old title");
        assertThat(merged.at("/service/action/actionType").asText()).isEqualTo("NETWORK_CONNECTION");
    }

    @Test
    void timesAreGuardDutysFormatWithMilliseconds() {
        assertThat(FindingStore.iso(Instant.parse("2026-11-30T04:05:06Z"))).isEqualTo("2026-11-30T04:05:06.000Z");
        assertThat(FindingStore.iso(Instant.parse("2026-11-30T04:05:06.123456Z"))).isEqualTo("2026-11-30T04:05:06.123Z");
    }
}
