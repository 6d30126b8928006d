package dev.vigil.detector.rules;

/**
 * Where a finding belongs: the account, the region its record was analysed in, and the detector enabled there.
 *
 * @param detectorId the account's detector in {@code region} (used in the finding ARN and {@code service.detectorId})
 */
public record Scope(String accountId, String region, String detectorId) {
}
