package dev.vigil.accounts.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vigil.accounts.model.ThreatList;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * GuardDuty ThreatEntitySet/TrustedEntitySet shapes (API of 2025; member names as in the AWS API reference). Requests
 * reuse {@link ListDtos.CreateListRequest} and {@link ListDtos.UpdateListRequest}, whose members are the same.
 */
public final class EntitySetDtos {

    private EntitySetDtos() {
    }

    /**
     * GetThreatEntitySetResponse / GetTrustedEntitySetResponse. {@code createdAt} and {@code updatedAt} are epoch
     * seconds, the REST-JSON protocol's default timestamp format. Two Vigil extensions that SDKs ignore:
     * {@code vigilEntryCount} and {@code vigilRejectedEntries} (first 100 rejected lines with their reasons).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GetEntitySetResponse(String name, String format, String location, String expectedBucketOwner,
            String status, Map<String, String> tags, Double createdAt, Double updatedAt, String errorDetails,
            Integer vigilEntryCount, List<String> vigilRejectedEntries) {

        /** The answer for {@code l}. */
        public static GetEntitySetResponse of(ThreatList l) {
            return new GetEntitySetResponse(l.name(), l.format(), l.location(), l.expectedBucketOwner(), l.status(),
                    l.tags(), seconds(l.createdAt()), seconds(l.updatedAt()), l.statusReason(), l.entryCount(),
                    l.rejectedEntries());
        }

        private static Double seconds(Instant t) {
            return t == null ? null : t.toEpochMilli() / 1000.0;
        }
    }

    /** CreateThreatEntitySetResponse. */
    public record CreateThreatEntitySetResponse(String threatEntitySetId) {
    }

    /** CreateTrustedEntitySetResponse. */
    public record CreateTrustedEntitySetResponse(String trustedEntitySetId) {
    }

    /** ListThreatEntitySetsResponse. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ListThreatEntitySetsResponse(List<String> threatEntitySetIds, String nextToken) {
    }

    /** ListTrustedEntitySetsResponse. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ListTrustedEntitySetsResponse(List<String> trustedEntitySetIds, String nextToken) {
    }
}
