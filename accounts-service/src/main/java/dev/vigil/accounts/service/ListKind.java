package dev.vigil.accounts.service;

import dev.vigil.accounts.config.VigilConfig;

/**
 * The four kinds of tenant list GuardDuty has, stored in one table ({@code threat_list.kind}) and run by one status
 * machine ({@link ListService}): the IP address lists of 2017 ({@code IPSET}: trusted, {@code THREAT}: threat) and
 * the entity lists of 2025 ({@code TRUSTED_ENTITY}, {@code THREAT_ENTITY}), which hold IP addresses, CIDR blocks and
 * domains (GuardDuty user guide, "Customizing threat detection with entity lists and IP address lists").
 * A trusted kind's entries never raise a finding; a threat kind's raise the list-driven {@code .Custom} types.
 */
public enum ListKind {
    /** IPSet: trusted IP addresses and CIDR blocks. */
    IPSET("IPSet", "ipSetId", true, false),
    /** ThreatIntelSet: threat IP addresses, CIDR blocks and (formats that carry them) domains. */
    THREAT("ThreatIntelSet", "threatIntelSetId", false, true),
    /** TrustedEntitySet: trusted IP addresses, CIDR blocks and domains. */
    TRUSTED_ENTITY("TrustedEntitySet", "trustedEntitySetId", true, true),
    /** ThreatEntitySet: threat IP addresses, CIDR blocks and domains. */
    THREAT_ENTITY("ThreatEntitySet", "threatEntitySetId", false, true);

    private final String label;
    private final String idMember;
    private final boolean trusted;
    private final boolean domains;

    ListKind(String label, String idMember, boolean trusted, boolean domains) {
        this.label = label;
        this.idMember = idMember;
        this.trusted = trusted;
        this.domains = domains;
    }

    /** The kind stored as {@code kind}; {@link IllegalArgumentException} for an unknown one. */
    public static ListKind of(String kind) {
        return valueOf(kind);
    }

    /** GuardDuty's name of the resource, e.g. {@code ThreatEntitySet}. */
    public String label() {
        return label;
    }

    /** The API member that carries the list's ID, e.g. {@code threatEntitySetId}. */
    public String idMember() {
        return idMember;
    }

    /** Whether entries suppress findings (trusted) rather than raise them (threat). */
    public boolean trusted() {
        return trusted;
    }

    /** Whether domains are accepted entries. */
    public boolean allowsDomains() {
        return domains;
    }

    /** Lists of this kind an account may have per region. */
    public int maxLists(VigilConfig.Lists limits) {
        return switch (this) {
            case IPSET -> limits.maxIpSets();
            case THREAT -> limits.maxThreatIntelSets();
            case TRUSTED_ENTITY -> limits.maxTrustedEntitySets();
            case THREAT_ENTITY -> limits.maxThreatEntitySets();
        };
    }

    /** Entries one list of this kind may hold. */
    public int maxEntries(VigilConfig.Lists limits) {
        return trusted ? (this == IPSET ? limits.maxIpSetEntries() : limits.maxTrustedEntitySetEntries())
                : (this == THREAT ? limits.maxThreatIntelSetEntries() : limits.maxThreatEntitySetEntries());
    }
}
