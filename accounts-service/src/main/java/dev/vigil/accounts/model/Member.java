package dev.vigil.accounts.model;

import java.time.Instant;

/**
 * A member account as its administrator sees it.
 *
 * @param detectorId         the member's own detector in the relationship's region, {@code null} without one
 * @param relationshipStatus Created, Invited, Enabled, Disabled, Removed or Resigned
 * @param invitedAt          when it was last invited, {@code null} before
 */
public record Member(String accountId, String detectorId, String administratorId, String email,
        String relationshipStatus, Instant invitedAt, Instant updatedAt) {

    /** An account to add as a member (CreateMembers' AccountDetail); either member may be missing or invalid. */
    public record Detail(String accountId, String email) {
    }
}
