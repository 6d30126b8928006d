package dev.vigil.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The effective trusted IP lists and threat lists of one account on the compacted topic
 * {@link Topics#THREAT_LISTS}, keyed by account ID: its own active lists plus those of its administrator, which apply
 * to its members as in GuardDuty. A {@code null} value (tombstone) means no list applies.
 *
 * @param version   increases with every change, so a consumer can ignore an older state
 * @param trusted   active IPSets: addresses on them never raise a finding
 * @param threats   active ThreatIntelSets
 * @param updatedAt UTC epoch milliseconds
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ThreatListState(int schemaVersion, String accountId, long version, List<ListContent> trusted,
        List<ListContent> threats, long updatedAt) {

    /** The schema version this class writes. */
    public static final int SCHEMA_VERSION = 1;

    /**
     * The content of one list.
     *
     * @param listId         the IPSet or ThreatIntelSet ID
     * @param ownerAccountId the account that owns the list (the administrator for inherited lists)
     * @param region         the region it applies in
     * @param name           the list's name, reported as {@code threatListName} in findings
     * @param cidrs          IPv4/IPv6 addresses and CIDR blocks, as text
     * @param domains        domain names, lower case without the trailing dot
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ListContent(String listId, String ownerAccountId, String region, String name, List<String> cidrs,
            List<String> domains) {
    }
}
