package dev.vigil.events;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One observation of a finding's activity, from the detector, on {@link Topics#FINDINGS_CANDIDATES}, keyed by
 * {@code finding.id}. findings-service creates the finding for a new ID and otherwise adds {@code count} to it.
 *
 * @param eventId    deterministic ID of this observation (a hash of the finding ID and the evidence that
 *                   produced it): a redelivered or replayed candidate carries the same ID and changes nothing
 * @param finding    the finding as it should read after this observation alone: {@code service.count} is the
 *                   number of events this candidate adds, {@code eventFirstSeen}/{@code eventLastSeen} its own
 * @param observedAt UTC epoch milliseconds when the detector emitted it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FindingCandidate(int schemaVersion, String eventId, Finding finding, long observedAt) {

    /** The schema version this class writes. */
    public static final int SCHEMA_VERSION = 1;
}
