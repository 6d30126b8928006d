package dev.vigil.detector.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.CloudTrailRecord;
import dev.vigil.events.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Shared assertions of the topology tests. */
final class ObjectNodeHelper {

    private ObjectNodeHelper() {
    }

    /** The same record for an account that has no state at all gives nothing. */
    static void assertNoAccount(Harness h, CloudTrailRecord r) {
        ObjectNode o = Json.MAPPER.valueToTree(r);
        o.put("accountId", "999999999999");
        h.cloudTrail(Json.MAPPER.convertValue(o, CloudTrailRecord.class));
        assertThat(h.candidates()).isEmpty();
    }
}
