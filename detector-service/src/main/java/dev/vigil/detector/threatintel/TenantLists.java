package dev.vigil.detector.threatintel;

import dev.vigil.events.ThreatListState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One account's effective trusted lists and threat lists in one region, compiled into {@link IpMatcher}s and
 * {@link DomainMatcher}s: addresses drive the flow and CloudTrail rules, domains of threat lists drive
 * {@code Impact:EC2/MaliciousDomainRequest.Custom} on DNS logs and domains of trusted lists suppress DNS findings
 * (GuardDuty's entity sets, 2025). Entries are parsed again here ({@link ListReader}), so a malformed entry in the
 * contract is skipped, never fatal. Compiled lists are cached by account, region and state version (bounded, least
 * recently used first out), so a 250,000-entry list is compiled once per version, not once per record.
 */
public final class TenantLists {

    /** No lists. */
    public static final TenantLists NONE = new TenantLists(new Compiled(), new Compiled());
    private static final int CACHE_SIZE = 4096;
    private static final Map<String, TenantLists> CACHE = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, TenantLists> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    private final Compiled trusted;
    private final Compiled threats;

    private TenantLists(Compiled trusted, Compiled threats) {
        this.trusted = trusted;
        this.threats = threats;
    }

    /** The addresses and domains of one side (trusted or threat) of a tenant's lists. */
    private record Compiled(IpMatcher ips, DomainMatcher domains) {
        Compiled() {
            this(new IpMatcher(false), new DomainMatcher());
        }
    }

    /** The compiled lists of {@code state} that apply in {@code region} (a list without region applies everywhere). */
    public static TenantLists of(ThreatListState state, String region) {
        if (state == null) {
            return NONE;
        }
        String key = state.accountId() + "|" + region + "|" + state.version() + "|" + state.updatedAt();
        synchronized (CACHE) {
            TenantLists cached = CACHE.get(key);
            if (cached != null) {
                return cached;
            }
        }
        TenantLists compiled = new TenantLists(compile(state.trusted(), region), compile(state.threats(), region));
        synchronized (CACHE) {
            CACHE.put(key, compiled);
        }
        return compiled;
    }

    private static Compiled compile(List<ThreatListState.ListContent> lists, String region) {
        Compiled m = new Compiled();
        if (lists == null) {
            return m;
        }
        for (ThreatListState.ListContent list : lists) {
            if (list.region() != null && !list.region().equals(region)) {
                continue;
            }
            String name = list.name() != null ? list.name() : list.listId();
            for (List<String> entries : java.util.Arrays.asList(list.cidrs(), list.domains())) {
                if (entries != null) {
                    try {
                        ListReader.read(name, entries, name, m.ips(), m.domains());
                    } catch (IllegalArgumentException e) {
                        io.quarkus.logging.Log.warnf("list %s of account %s: %s", list.listId(),
                                list.ownerAccountId(), e.getMessage());
                    }
                }
            }
        }
        return m;
    }

    /** Trusted addresses: they never raise a finding. */
    public IpMatcher trusted() {
        return trusted.ips();
    }

    /** Threat addresses of the tenant's threat lists. */
    public IpMatcher threats() {
        return threats.ips();
    }

    /** Trusted domains: no DNS finding is raised for them or their subdomains. */
    public DomainMatcher trustedDomains() {
        return trusted.domains();
    }

    /** Threat domains of the tenant's threat lists (label-boundary matching, subdomains included). */
    public DomainMatcher threatDomains() {
        return threats.domains();
    }
}
