package dev.vigil.accounts.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** GuardDuty IPSet/ThreatIntelSet shapes; member names are the model's {@code locationName}s. */
public final class ListDtos {

    private ListDtos() {
    }

    /** CreateIPSetRequest / CreateThreatIntelSetRequest. */
    public record CreateListRequest(String name, String format, String location, Boolean activate, String clientToken,
            Map<String, String> tags, String expectedBucketOwner) {
    }

    /** UpdateIPSetRequest / UpdateThreatIntelSetRequest. */
    public record UpdateListRequest(String name, String location, Boolean activate, String expectedBucketOwner) {
    }

    /**
     * GetIPSetResponse / GetThreatIntelSetResponse, plus two Vigil extensions that SDKs ignore:
     * {@code vigilStatusReason} (why the list is in ERROR) and {@code vigilRejectedEntries} (first 100 bad entries).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GetListResponse(String name, String format, String location, String status, Map<String, String> tags,
            String vigilStatusReason, Integer vigilEntryCount, List<String> vigilRejectedEntries) {
    }

    /** CreateIPSetResponse. */
    public record CreateIpSetResponse(String ipSetId) {
    }

    /** CreateThreatIntelSetResponse. */
    public record CreateThreatIntelSetResponse(String threatIntelSetId) {
    }

    /** ListIPSetsResponse. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ListIpSetsResponse(List<String> ipSetIds, String nextToken) {
    }

    /** ListThreatIntelSetsResponse. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ListThreatIntelSetsResponse(List<String> threatIntelSetIds, String nextToken) {
    }
}
