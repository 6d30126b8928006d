package dev.vigil.accounts.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.accounts.model.Detector;
import dev.vigil.accounts.repository.DetectorEntity;
import dev.vigil.accounts.repository.DetectorRepository;
import dev.vigil.accounts.repository.MembershipRepository;
import dev.vigil.accounts.repository.ThreatListRepository;
import dev.vigil.events.Json;
import dev.vigil.web.GuardDutyException;
import dev.vigil.web.tags.Tags;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Detectors (GuardDuty CreateDetector ... ListDetectors): one per account per region, IDs of 32 lowercase hex
 * characters, publishing frequency default SIX_HOURS. Flow logs, DNS logs and CloudTrail are GuardDuty's foundational
 * sources and always ENABLED; optional features are stored as sent.
 */
@ApplicationScoped
public class DetectorService {

    private final DetectorRepository detectors;
    private final MembershipRepository memberships;
    private final ThreatListRepository lists;
    private final StateChanges changes;

    public DetectorService(DetectorRepository detectors, MembershipRepository memberships, ThreatListRepository lists,
            StateChanges changes) {
        this.detectors = detectors;
        this.memberships = memberships;
        this.lists = lists;
        this.changes = changes;
    }

    /**
     * Creates the account's detector in {@code region} and publishes the account's state. A repeated
     * {@code clientToken} returns the same detector.
     *
     * @return the detector ID
     * @throws GuardDutyException 400 if the account already has a detector there or an input is invalid
     */
    public Uni<String> create(String accountId, String region, Detector.Settings req) {
        if (req == null || req.enable() == null) {
            throw GuardDutyException.badRequest("enable is required.");
        }
        String frequency = req.findingPublishingFrequency() == null ? "SIX_HOURS"
                : Enums.require("findingPublishingFrequency", req.findingPublishingFrequency(), Enums.FREQUENCIES);
        Map<String, String> features = applyFeatures(new TreeMap<>(), req.dataSources(), req.features());
        Map<String, String> tags = Tags.forCreate(req.tags());
        return changes.commit(() -> detectors.inRegion(accountId, region).chain(existing -> {
            if (existing != null) {
                if (req.clientToken() != null && req.clientToken().equals(existing.clientToken)) {
                    return Uni.createFrom().item(Affected.none().with(existing.detectorId));
                }
                throw GuardDutyException.badRequest("The request is rejected because a detector already exists for the current account.");
            }
            DetectorEntity d = new DetectorEntity();
            d.detectorId = UUID.randomUUID().toString().replace("-", "");
            d.accountId = accountId;
            d.region = region;
            d.status = req.enable() ? "ENABLED" : "DISABLED";
            d.findingPublishingFrequency = frequency;
            d.features = Json.write(features);
            d.tags = Json.write(tags);
            d.clientToken = req.clientToken();
            d.createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            d.updatedAt = d.createdAt;
            Log.infof("account %s created detector %s in %s", accountId, d.detectorId, region);
            return detectors.persist(d).map(x -> Affected.state(accountId).with(d.detectorId));
        }));
    }

    /**
     * The detector or a 400 exactly like a missing one (also for another account's or region's).
     */
    public Uni<DetectorEntity> require(String accountId, String region, String detectorId) {
        return detectors.owned(accountId, region, detectorId).onItem().ifNull().failWith(GuardDutyException::detectorNotOwned);
    }

    /** GetDetector. */
    @WithSession
    public Uni<Detector> get(String accountId, String region, String detectorId) {
        return require(accountId, region, detectorId).map(DetectorService::toDetector);
    }

    /** UpdateDetector: only the members sent change; the account's state is published. */
    public Uni<Void> update(String accountId, String region, String detectorId, Detector.Settings req) {
        String frequency = req == null || req.findingPublishingFrequency() == null ? null
                : Enums.require("findingPublishingFrequency", req.findingPublishingFrequency(), Enums.FREQUENCIES);
        return changes.commit(() -> require(accountId, region, detectorId).map(d -> {
            if (req != null) {
                if (req.enable() != null) {
                    d.status = req.enable() ? "ENABLED" : "DISABLED";
                }
                if (frequency != null) {
                    d.findingPublishingFrequency = frequency;
                }
                d.features = Json.write(applyFeatures(readMap(d.features), req.dataSources(), req.features()));
            }
            d.updatedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            return Affected.state(accountId).result();
        }));
    }

    /**
     * DeleteDetector. Refused while the account is an Enabled member (disassociate first) or still has members,
     * as in GuardDuty; the account's lists in that region go with it. Its state and lists are published.
     */
    public Uni<Void> delete(String accountId, String region, String detectorId) {
        return changes.commit(() -> require(accountId, region, detectorId)
                .chain(d -> memberships.asMember(accountId, region).chain(asMember -> {
                    if (asMember.stream().anyMatch(m -> "Enabled".equals(m.relationshipStatus) || "Disabled".equals(m.relationshipStatus))) {
                        throw GuardDutyException.badRequest("The request is rejected because the current account is associated with an administrator account. Disassociate first.");
                    }
                    return memberships.countMembers(accountId, region);
                }).chain(count -> {
                    if (count > 0) {
                        throw GuardDutyException.badRequest("The request is rejected because the detector still has member accounts. Delete the members first.");
                    }
                    return lists.delete("accountId = ?1 and region = ?2", accountId, region);
                }).chain(x -> detectors.delete(d)))
                .map(x -> {
                    Affected a = Affected.state(accountId);
                    a.lists().add(accountId);
                    return a.result();
                }));
    }

    /** ListDetectors: the account's detector IDs in {@code region}. */
    @WithSession
    public Uni<List<String>> list(String accountId, String region) {
        return detectors.inRegion(accountId, region).map(d -> d == null ? List.of() : List.of(d.detectorId));
    }

    /** Merges data source flags and features into {@code features}; validates names and statuses. */
    static Map<String, String> applyFeatures(Map<String, String> features, JsonNode dataSources, List<Detector.Feature> list) {
        if (dataSources != null && !dataSources.isNull()) {
            flag(features, "S3_DATA_EVENTS", dataSources.path("s3Logs").path("enable"));
            flag(features, "EKS_AUDIT_LOGS", dataSources.path("kubernetes").path("auditLogs").path("enable"));
            flag(features, "EBS_MALWARE_PROTECTION",
                    dataSources.path("malwareProtection").path("scanEc2InstanceWithFindings").path("ebsVolumes").path("enable"));
        }
        if (list != null) {
            for (Detector.Feature f : list) {
                Enums.require("features.name", f.name(), Enums.FEATURES);
                Enums.require("features.status", f.status(), Enums.STATUSES);
                features.put(f.name(), f.status());
            }
        }
        return features;
    }

    private static void flag(Map<String, String> features, String name, JsonNode enable) {
        if (enable.isBoolean()) {
            features.put(name, enable.booleanValue() ? "ENABLED" : "DISABLED");
        } else if (!enable.isMissingNode() && !enable.isNull()) {
            throw GuardDutyException.badRequest("Invalid dataSources: enable must be a boolean.");
        }
    }

    /** The JSON object {@code json} of strings (a detector's features or tags); empty when unreadable. */
    public static Map<String, String> readMap(String json) {
        try {
            return new TreeMap<>(Json.MAPPER.readValue(json, new TypeReference<Map<String, String>>() { }));
        } catch (Exception e) {
            return new TreeMap<>();
        }
    }

    /** The detector of an entity. */
    static Detector toDetector(DetectorEntity d) {
        return new Detector(d.detectorId, d.accountId, d.region, d.status, d.findingPublishingFrequency,
                readMap(d.features), readMap(d.tags), d.createdAt, d.updatedAt);
    }
}
