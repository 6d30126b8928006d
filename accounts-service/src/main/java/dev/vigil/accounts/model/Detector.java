package dev.vigil.accounts.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A GuardDuty detector: one per account and region.
 *
 * @param status                     ENABLED or DISABLED
 * @param findingPublishingFrequency FIFTEEN_MINUTES, ONE_HOUR or SIX_HOURS
 * @param features                   optional features (S3_DATA_EVENTS, EKS_AUDIT_LOGS, ...) to ENABLED/DISABLED, as
 *                                   set; flow logs, DNS logs and CloudTrail are always enabled and not listed
 * @param tags                       the detector's tags
 */
public record Detector(String detectorId, String accountId, String region, String status,
        String findingPublishingFrequency, Map<String, String> features, Map<String, String> tags, Instant createdAt,
        Instant updatedAt) {

    /**
     * What CreateDetector or UpdateDetector ask for; a {@code null} member is left as it is (or its default).
     *
     * @param dataSources GuardDuty's legacy {@code DataSourceConfigurations} (s3Logs, kubernetes, malwareProtection)
     */
    public record Settings(Boolean enable, String clientToken, String findingPublishingFrequency, JsonNode dataSources,
            Map<String, String> tags, List<Feature> features) {
    }

    /** One optional feature and its requested status (ENABLED or DISABLED). */
    public record Feature(String name, String status) {
    }
}
