package dev.vigil.accounts.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An IPSet (trusted IP list) or ThreatIntelSet (threat list) and the state of its content.
 *
 * @param status          INACTIVE, ACTIVATING, ACTIVE or ERROR
 * @param statusReason    why the list is in ERROR, else {@code null}
 * @param entryCount      entries loaded, {@code null} while no content is loaded
 * @param rejectedEntries the first 100 rejected lines with their reasons, {@code null} when none
 * @param expectedBucketOwner the account expected to own the location's S3 bucket, {@code null} when not given
 * @param createdAt       when the list was created
 * @param updatedAt       when the list or its content last changed
 */
public record ThreatList(String listId, String name, String format, String location, String status,
        Map<String, String> tags, String statusReason, Integer entryCount, List<String> rejectedEntries,
        String expectedBucketOwner, Instant createdAt, Instant updatedAt) {

    /** What CreateIPSet / CreateThreatIntelSet or their Update ask for; {@code null}: unchanged (update). */
    public record Settings(String name, String format, String location, Boolean activate, Map<String, String> tags,
            String expectedBucketOwner) {
    }
}
