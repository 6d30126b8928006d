package dev.vigil.detector.rules;

import dev.vigil.detector.threatintel.TenantLists;

/**
 * The account a record belongs to, in the region it is analysed, with its enabled detector and its compiled lists.
 *
 * @param detectorId   the account's detector in {@code region} (used in the finding ARN and {@code service.detectorId})
 * @param s3DataEvents whether the detector's feature {@code S3_DATA_EVENTS} is on (S3 data events are analysed)
 */
public record Tenant(String accountId, String region, String detectorId, TenantLists lists, boolean s3DataEvents) {

    /** A tenant whose detector does not analyse S3 data events. */
    public Tenant(String accountId, String region, String detectorId, TenantLists lists) {
        this(accountId, region, detectorId, lists, false);
    }

    /** Where this tenant's findings belong. */
    public Scope scope() {
        return new Scope(accountId, region, detectorId);
    }
}
