package dev.vigil.accounts.service;

import dev.vigil.web.GuardDutyException;
import java.util.List;

/** GuardDuty enums from the API model (guardduty-2017-11-28.service-2.json) and their validation. */
public final class Enums {

    private Enums() {
    }

    /** FindingPublishingFrequency. */
    public static final List<String> FREQUENCIES = List.of("FIFTEEN_MINUTES", "ONE_HOUR", "SIX_HOURS");
    /** DetectorFeature (input). */
    public static final List<String> FEATURES = List.of("S3_DATA_EVENTS", "EKS_AUDIT_LOGS", "EBS_MALWARE_PROTECTION",
            "RDS_LOGIN_EVENTS", "LAMBDA_NETWORK_LOGS", "EKS_RUNTIME_MONITORING", "RUNTIME_MONITORING", "AI_PROTECTION",
            "AI_ANALYST");
    /** FeatureStatus / DataSourceStatus / DetectorStatus. */
    public static final List<String> STATUSES = List.of("ENABLED", "DISABLED");
    /** IpSetFormat / ThreatIntelSetFormat. */
    public static final List<String> LIST_FORMATS = List.of("TXT", "STIX", "OTX_CSV", "ALIEN_VAULT", "PROOF_POINT", "FIRE_EYE");
    /** UsageStatisticType values served. */
    public static final List<String> USAGE_TYPES = List.of("SUM_BY_ACCOUNT", "SUM_BY_DATA_SOURCE", "SUM_BY_RESOURCE",
            "TOP_RESOURCES", "SUM_BY_FEATURES", "TOP_ACCOUNTS_BY_FEATURE");

    /**
     * Checks {@code value} against {@code allowed}.
     *
     * @throws GuardDutyException 400 naming the field and the allowed values
     */
    public static String require(String field, String value, List<String> allowed) {
        if (value == null || !allowed.contains(value)) {
            throw GuardDutyException.badRequest("Invalid " + field + ": '" + value + "'. Valid values: " + String.join(", ", allowed) + ".");
        }
        return value;
    }
}
