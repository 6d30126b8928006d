package dev.vigil.accounts.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.accounts.model.ThreatList;
import dev.vigil.web.tags.Tags;
import java.util.List;
import java.util.Map;

/** GuardDuty IPSet/ThreatIntelSet shapes; member names are the model's {@code locationName}s. */
public final class ListDtos {

    private ListDtos() {
    }

    /**
     * CreateIPSetRequest / CreateThreatIntelSetRequest (and the entity sets'); {@code tags} is read as JSON so that a
     * value that is not a string is refused ({@link Tags}).
     */
    public record CreateListRequest(String name, String format, String location, Boolean activate, String clientToken,
            JsonNode tags, String expectedBucketOwner) {

        /** The settings asked for ({@code null} for a request without body). */
        public static ThreatList.Settings settings(CreateListRequest r) {
            return r == null ? null : new ThreatList.Settings(r.name, r.format, r.location, r.activate, Tags.fromJson(r.tags),
                    r.expectedBucketOwner);
        }
    }

    /** UpdateIPSetRequest / UpdateThreatIntelSetRequest. */
    public record UpdateListRequest(String name, String location, Boolean activate, String expectedBucketOwner) {

        /** The settings asked for ({@code null} for a request without body). */
        public static ThreatList.Settings settings(UpdateListRequest r) {
            return r == null ? null : new ThreatList.Settings(r.name, null, r.location, r.activate, null, r.expectedBucketOwner);
        }
    }

    /**
     * GetIPSetResponse / GetThreatIntelSetResponse, plus two Vigil extensions that SDKs ignore:
     * {@code vigilStatusReason} (why the list is in ERROR) and {@code vigilRejectedEntries} (first 100 bad entries).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GetListResponse(String name, String format, String location, String status, Map<String, String> tags,
            String expectedBucketOwner, String vigilStatusReason, Integer vigilEntryCount, List<String> vigilRejectedEntries) {

        /** The answer for {@code l}. */
        public static GetListResponse of(ThreatList l) {
            return new GetListResponse(l.name(), l.format(), l.location(), l.status(), l.tags(), l.expectedBucketOwner(),
                    l.statusReason(), l.entryCount(), l.rejectedEntries());
        }
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
