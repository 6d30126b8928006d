package dev.vigil.detector.rules;

import dev.vigil.detector.threatintel.TenantLists;

/**
 * The account a record belongs to, in the region it is analysed, with its enabled detector and its compiled lists.
 *
 * @param detectorId the account's detector in {@code region} (used in the finding ARN and {@code service.detectorId})
 */
public record Tenant(String accountId, String region, String detectorId, TenantLists lists) {

    /** Where this tenant's findings belong. */
    public Scope scope() {
        return new Scope(accountId, region, detectorId);
    }
}
