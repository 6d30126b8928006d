package dev.vigil.accounts.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.accounts.model.Detector;
import dev.vigil.web.tags.Tags;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** GuardDuty detector shapes; member names are the model's {@code locationName}s. */
public final class DetectorDtos {

    private DetectorDtos() {
    }

    /** CreateDetectorRequest; {@code tags} is read as JSON so that a value that is not a string is refused ({@link Tags}). */
    public record CreateDetectorRequest(Boolean enable, @Size(max = 64) String clientToken, String findingPublishingFrequency,
            JsonNode dataSources, JsonNode tags, @Valid List<FeatureConfiguration> features) {

        /** The settings asked for ({@code null} for a request without body). */
        public static Detector.Settings settings(CreateDetectorRequest r) {
            return r == null ? null : new Detector.Settings(r.enable, r.clientToken, r.findingPublishingFrequency,
                    r.dataSources, Tags.fromJson(r.tags), FeatureConfiguration.features(r.features));
        }
    }

    /** UpdateDetectorRequest. */
    public record UpdateDetectorRequest(Boolean enable, String findingPublishingFrequency, JsonNode dataSources,
            @Valid List<FeatureConfiguration> features) {

        /** The settings asked for ({@code null} for a request without body). */
        public static Detector.Settings settings(UpdateDetectorRequest r) {
            return r == null ? null : new Detector.Settings(r.enable, null, r.findingPublishingFrequency, r.dataSources,
                    null, FeatureConfiguration.features(r.features));
        }
    }

    /** DetectorFeatureConfiguration. */
    public record FeatureConfiguration(String name, String status, List<JsonNode> additionalConfiguration) {

        /** The model's features of {@code list} (null stays null). */
        public static List<Detector.Feature> features(List<FeatureConfiguration> list) {
            return list == null ? null : list.stream().map(f -> new Detector.Feature(f.name, f.status)).toList();
        }
    }

    /** CreateDetectorResponse. */
    public record CreateDetectorResponse(String detectorId) {
    }

    /** GetDetectorResponse; times are ISO-8601 strings as in GuardDuty. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GetDetectorResponse(String createdAt, String findingPublishingFrequency, String serviceRole, String status,
            String updatedAt, Map<String, Object> dataSources, Map<String, String> tags, List<FeatureResult> features) {

        /** GuardDuty's shape of {@code d}: foundational sources always ENABLED, optional ones as set. */
        public static GetDetectorResponse of(Detector d) {
            double updated = d.updatedAt().toEpochMilli() / 1000.0;
            List<FeatureResult> fr = new ArrayList<>();
            fr.add(new FeatureResult("FLOW_LOGS", "ENABLED", updated));
            fr.add(new FeatureResult("CLOUD_TRAIL", "ENABLED", updated));
            fr.add(new FeatureResult("DNS_LOGS", "ENABLED", updated));
            d.features().forEach((k, v) -> fr.add(new FeatureResult(k, v, updated)));
            return new GetDetectorResponse(d.createdAt().toString(), d.findingPublishingFrequency(),
                    "arn:aws:iam::" + d.accountId() + ":role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty",
                    d.status(), d.updatedAt().toString(), DetectorDtos.dataSources(d), d.tags(), fr);
        }
    }

    /** GuardDuty's {@code DataSourceConfigurationsResult} of {@code d} (also a member's, GetMemberDetectors). */
    public static Map<String, Object> dataSources(Detector d) {
        Map<String, String> features = d.features();
        Map<String, Object> ds = new LinkedHashMap<>();
        ds.put("cloudTrail", Map.of("status", "ENABLED"));
        ds.put("dnsLogs", Map.of("status", "ENABLED"));
        ds.put("flowLogs", Map.of("status", "ENABLED"));
        ds.put("s3Logs", Map.of("status", features.getOrDefault("S3_DATA_EVENTS", "DISABLED")));
        ds.put("kubernetes", Map.of("auditLogs", Map.of("status", features.getOrDefault("EKS_AUDIT_LOGS", "DISABLED"))));
        ds.put("malwareProtection", Map.of("scanEc2InstanceWithFindings",
                Map.of("ebsVolumes", Map.of("status", features.getOrDefault("EBS_MALWARE_PROTECTION", "DISABLED")))));
        return ds;
    }

    /** DetectorFeatureConfigurationResult; {@code updatedAt} in epoch seconds (rest-json timestamp). */
    public record FeatureResult(String name, String status, double updatedAt) {
    }

    /** ListDetectorsResponse. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ListDetectorsResponse(List<String> detectorIds, String nextToken) {
    }
}
