package dev.vigil.console.lists;

import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of list GuardDuty keeps per detector, with the path segment and the ID member of their operations
 * ({@code ../shared/reference/guardduty*.service-2.json}: ListIPSets {@code ipSetIds}, ListThreatIntelSets
 * {@code threatIntelSetIds}, ListThreatEntitySets {@code threatEntitySetIds}, ListTrustedEntitySets
 * {@code trustedEntitySetIds}).
 */
public enum ListKind {
    IP_SET("ipset", "ipSetIds", "Trusted IP list"),
    THREAT_INTEL_SET("threatintelset", "threatIntelSetIds", "Threat IP list"),
    THREAT_ENTITY_SET("threatentityset", "threatEntitySetIds", "Threat entity list"),
    TRUSTED_ENTITY_SET("trustedentityset", "trustedEntitySetIds", "Trusted entity list");

    /** The path segment under {@code /detector/{detectorId}/} and the form value. */
    public final String path;
    /** The member of the List answer holding the IDs. */
    public final String idsMember;
    /** The name shown on the page. */
    public final String label;

    ListKind(String path, String idsMember, String label) {
        this.path = path;
        this.idsMember = idsMember;
        this.label = label;
    }

    /** The kind whose {@link #path} is {@code path}, if any. */
    public static Optional<ListKind> ofPath(String path) {
        return Arrays.stream(values()).filter(k -> k.path.equals(path)).findFirst();
    }
}
