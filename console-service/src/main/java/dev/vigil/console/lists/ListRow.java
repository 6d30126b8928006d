package dev.vigil.console.lists;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One list on the Lists page, from GetIPSet (or its kind's Get operation).
 *
 * @param status GuardDuty's list status: INACTIVE, ACTIVATING, ACTIVE, DEACTIVATING, ERROR, DELETE_PENDING or DELETED
 */
public record ListRow(ListKind kind, String id, String name, String format, String location, String status) {

    static ListRow of(ListKind kind, String id, JsonNode got) {
        return new ListRow(kind, id, got.path("name").asText(), got.path("format").asText(), got.path("location").asText(),
                got.path("status").asText());
    }

    /** Whether the list is in use or about to be (ACTIVE or ACTIVATING): the page offers deactivate. */
    public boolean active() {
        return "ACTIVE".equals(status) || "ACTIVATING".equals(status);
    }
}
