package dev.vigil.accounts.model;

import java.time.Instant;

/**
 * An invitation as the invited account sees it, also its administrator once accepted.
 *
 * @param administratorId    the inviting (administrator) account
 * @param relationshipStatus Invited, Enabled, Disabled, Resigned, ...
 */
public record Invitation(String administratorId, String invitationId, String relationshipStatus, Instant invitedAt) {
}
