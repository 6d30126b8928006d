package dev.vigil.accounts.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/** GuardDuty detector shapes; member names are the model's {@code locationName}s. */
public final class DetectorDtos {

    private DetectorDtos() {
    }

    /** CreateDetectorRequest. */
    public record CreateDetectorRequest(Boolean enable, @Size(max = 64) String clientToken, String findingPublishingFrequency,
            JsonNode dataSources, @Size(max = 50) Map<String, String> tags, @Valid List<FeatureConfiguration> features) {
    }

    /** UpdateDetectorRequest. */
    public record UpdateDetectorRequest(Boolean enable, String findingPublishingFrequency, JsonNode dataSources,
            @Valid List<FeatureConfiguration> features) {
    }

    /** DetectorFeatureConfiguration. */
    public record FeatureConfiguration(String name, String status, List<JsonNode> additionalConfiguration) {
    }

    /** CreateDetectorResponse. */
    public record CreateDetectorResponse(String detectorId) {
    }

    /** GetDetectorResponse; times are ISO-8601 strings as in GuardDuty. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GetDetectorResponse(String createdAt, String findingPublishingFrequency, String serviceRole, String status,
            String updatedAt, Map<String, Object> dataSources, Map<String, String> tags, List<FeatureResult> features) {
    }

    /** DetectorFeatureConfigurationResult; {@code updatedAt} in epoch seconds (rest-json timestamp). */
    public record FeatureResult(String name, String status, double updatedAt) {
    }

    /** ListDetectorsResponse. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ListDetectorsResponse(List<String> detectorIds, String nextToken) {
    }
}
