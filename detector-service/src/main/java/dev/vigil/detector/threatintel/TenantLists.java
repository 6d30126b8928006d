package dev.vigil.detector.threatintel;

import dev.vigil.events.ThreatListState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One account's effective trusted IPSets and ThreatIntelSets in one region, compiled into {@link IpMatcher}s.
 * Compiled lists are cached by account, region and state version (bounded, least recently used first out), so a
 * 250,000-entry list is compiled once per version, not once per record. Tenant domain lists are kept out on
 * purpose: GuardDuty applies custom threat lists to flow logs and CloudTrail, not to DNS findings.
 */
public final class TenantLists {

    /** No lists. */
    public static final TenantLists NONE = new TenantLists(new IpMatcher(), new IpMatcher());
    private static final int CACHE_SIZE = 4096;
    private static final Map<String, TenantLists> CACHE = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, TenantLists> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    private final IpMatcher trusted;
    private final IpMatcher threats;

    private TenantLists(IpMatcher trusted, IpMatcher threats) {
        this.trusted = trusted;
        this.threats = threats;
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

    private static IpMatcher compile(List<ThreatListState.ListContent> lists, String region) {
        IpMatcher m = new IpMatcher();
        if (lists == null) {
            return m;
        }
        for (ThreatListState.ListContent list : lists) {
            if (list.region() != null && !list.region().equals(region) || list.cidrs() == null) {
                continue;
            }
            String name = list.name() != null ? list.name() : list.listId();
            for (String cidr : list.cidrs()) {
                m.add(cidr, name);
            }
        }
        return m;
    }

    /** Trusted addresses: they never raise a finding. */
    public IpMatcher trusted() {
        return trusted;
    }

    /** Threat addresses of the tenant's ThreatIntelSets. */
    public IpMatcher threats() {
        return threats;
    }
}
