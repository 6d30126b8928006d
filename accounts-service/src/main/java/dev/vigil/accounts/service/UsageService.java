package dev.vigil.accounts.service;

import dev.vigil.accounts.config.VigilConfig;
import dev.vigil.accounts.model.FreeTrial;
import dev.vigil.accounts.model.Processed;
import dev.vigil.accounts.model.Unprocessed;
import dev.vigil.accounts.model.UsageQuery;
import dev.vigil.accounts.model.UsageTotal;
import dev.vigil.accounts.repository.DetectorRepository;
import dev.vigil.accounts.repository.MembershipRepository;
import dev.vigil.accounts.repository.UsageEntity;
import dev.vigil.accounts.repository.UsageRepository;
import dev.vigil.events.UsageRecord;
import dev.vigil.web.GuardDutyException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * GetUsageStatistics and GetRemainingFreeTrialDays. Usage covers the last 30 days; an administrator sees itself and its
 * Enabled members. Cost in USD from {@code vigil.pricing.*} (GuardDuty pricing page): flow and DNS logs per GB in
 * tiers per account (first 500 GB $1.00, next 2,000 GB $0.50, then $0.25 in N. Virginia), CloudTrail $4.00 per million
 * events. An account's log cost is shared among its rows in proportion to their bytes, so totals per data source or
 * resource add up to the totals per account.
 */
@ApplicationScoped
public class UsageService {

    static final double GB = 1024.0 * 1024 * 1024;

    private final UsageRepository usage;
    private final MembershipRepository memberships;
    private final DetectorRepository detectors;
    private final DetectorService detectorService;
    private final VigilConfig config;

    public UsageService(UsageRepository usage, MembershipRepository memberships, DetectorRepository detectors,
            DetectorService detectorService, VigilConfig config) {
        this.usage = usage;
        this.memberships = memberships;
        this.detectors = detectors;
        this.detectorService = detectorService;
        this.config = config;
    }

    /** Accounts visible to {@code account} in {@code region}: itself, then its Enabled members. */
    Uni<List<String>> visible(String account, String region) {
        return memberships.members(account, region).map(ms -> {
            List<String> ids = new ArrayList<>();
            ids.add(account);
            ms.stream().filter(m -> "Enabled".equals(m.relationshipStatus)).forEach(m -> ids.add(m.memberAccountId));
            return ids;
        });
    }

    /** Tiered log price in USD for {@code gb} GB in one account. */
    double logCost(double gb) {
        return tieredCost(gb, config.pricing().logTierLimitsGb(), config.pricing().logTierUsdPerGb());
    }

    /**
     * Price of {@code gb} GB under tiered prices: {@code prices.get(i)} USD per GB applies between
     * {@code limits.get(i-1)} and {@code limits.get(i)} GB; the last price has no upper bound.
     */
    public static double tieredCost(double gb, List<Double> limits, List<Double> prices) {
        double cost = 0;
        double lower = 0;
        for (int i = 0; i < prices.size(); i++) {
            double upper = i < limits.size() ? limits.get(i) : Double.MAX_VALUE;
            if (gb <= lower) {
                break;
            }
            cost += (Math.min(gb, upper) - lower) * prices.get(i);
            lower = upper;
        }
        return cost;
    }

    private static boolean isLog(UsageEntity u) {
        return UsageRecord.FLOW_LOGS.equals(u.dataSource) || UsageRecord.DNS_LOGS.equals(u.dataSource);
    }

    /** Cost of each row (USD). */
    Map<UsageEntity, Double> costs(List<UsageEntity> rows) {
        Map<String, Long> logBytes = new HashMap<>();
        rows.stream().filter(UsageService::isLog).forEach(u -> logBytes.merge(u.accountId, u.bytes, Long::sum));
        Map<String, Double> accountLogCost = new HashMap<>();
        logBytes.forEach((a, b) -> accountLogCost.put(a, logCost(b / GB)));
        Map<String, Long> s3Events = new HashMap<>();
        rows.stream().filter(u -> UsageRecord.S3_LOGS.equals(u.dataSource))
                .forEach(u -> s3Events.merge(u.accountId, u.events, Long::sum));
        Map<UsageEntity, Double> out = new LinkedHashMap<>();
        for (UsageEntity u : rows) {
            double c;
            if (isLog(u)) {
                long total = logBytes.get(u.accountId);
                c = total == 0 ? 0 : accountLogCost.get(u.accountId) * u.bytes / total;
            } else if (UsageRecord.S3_LOGS.equals(u.dataSource)) {
                // tiered per account, shared out over its rows by their events
                long total = s3Events.get(u.accountId);
                c = total == 0 ? 0 : tieredCost(total / 1_000_000.0, config.pricing().s3DataEventTierLimitsMillions(),
                        config.pricing().s3DataEventTierUsdPerMillion()) * u.events / total;
            } else if (UsageRecord.CLOUD_TRAIL.equals(u.dataSource)) {
                c = u.events / 1_000_000.0 * config.pricing().cloudTrailUsdPerMillion();
            } else {
                c = 0;
            }
            out.put(u, c);
        }
        return out;
    }

    /** The amount in USD to 4 decimal places. */
    static BigDecimal usd(double amount) {
        return BigDecimal.valueOf(amount).setScale(4, RoundingMode.HALF_UP);
    }

    /**
     * GetUsageStatistics: every total of the requested statistic, in the order the API lists them (by key; by cost,
     * highest first, for TOP_RESOURCES), each with the records and bytes analysed (a Vigil extension of the answer).
     *
     * @param crit the statistic and criteria, {@code null} when the request has none
     * @throws GuardDutyException 400 for a missing/invalid type or criteria, or a feature-based type (not metered here)
     */
    @WithSession
    public Uni<List<UsageTotal>> statistics(String account, String region, String detectorId, UsageQuery crit) {
        if (crit == null) {
            throw GuardDutyException.badRequest("usageStatisticsType and usageCriteria are required.");
        }
        String type = Enums.require("usageStatisticsType", crit.type(), Enums.USAGE_TYPES);
        if (type.endsWith("FEATURES") || type.endsWith("BY_FEATURE")) {
            throw GuardDutyException.badRequest("usageStatisticsType " + type + " is not supported: Vigil meters data sources, not features.");
        }
        if (crit.accountIds() != null && !crit.accountIds().isEmpty()) {
            Memberships.accountIds(crit.accountIds()); // GuardDuty: 1 to 50 account IDs of 12 digits
        }
        if (crit.resources() != null && crit.resources().size() > 50) {
            throw GuardDutyException.badRequest("usageCriteria.resources must contain at most 50 resources.");
        }
        if (crit.dataSources() != null) {
            crit.dataSources().forEach(d -> Enums.require("usageCriteria.dataSources", d,
                    List.of("FLOW_LOGS", "CLOUD_TRAIL", "DNS_LOGS", "S3_LOGS", "KUBERNETES_AUDIT_LOGS", "EC2_MALWARE_SCAN")));
        }
        Instant from = Instant.now().minus(Duration.ofDays(30));
        return detectorService.require(account, region, detectorId).chain(d -> visible(account, region)).chain(visible -> {
            Set<String> ids = new LinkedHashSet<>(visible);
            if (crit.accountIds() != null && !crit.accountIds().isEmpty()) {
                ids.retainAll(crit.accountIds());
            }
            if (ids.isEmpty()) {
                return Uni.createFrom().item(List.<UsageEntity>of());
            }
            return usage.totalsSince(ids, region, from);
        }).map(rows -> {
            // costs are computed over each account's whole usage, then the rows are filtered
            Map<UsageEntity, Double> costs = costs(rows);
            List<UsageEntity> kept = rows.stream()
                    .filter(u -> crit.dataSources() == null || crit.dataSources().isEmpty() || crit.dataSources().contains(u.dataSource))
                    .filter(u -> crit.resources() == null || crit.resources().isEmpty() || crit.resources().contains(u.resourceId))
                    .toList();
            List<UsageTotal> sums = switch (type) {
                case "SUM_BY_ACCOUNT" -> sum(kept, costs, u -> u.accountId);
                case "SUM_BY_DATA_SOURCE" -> sum(kept, costs, u -> u.dataSource);
                case "SUM_BY_RESOURCE" -> sum(kept, costs, UsageService::resource);
                default -> {
                    List<UsageTotal> all = new ArrayList<>(sum(kept, costs, UsageService::resource));
                    all.sort(Comparator.comparing(UsageTotal::usd).reversed().thenComparing(UsageTotal::key));
                    yield all;
                }
            };
            return sums;
        });
    }

    private static String resource(UsageEntity u) {
        return u.resourceId == null || u.resourceId.isEmpty() ? "-" : u.resourceId;
    }

    /** The totals of {@code rows} per {@code key}, in key order: cost (4 decimal places), records and bytes. */
    private static List<UsageTotal> sum(List<UsageEntity> rows, Map<UsageEntity, Double> costs, Function<UsageEntity, String> key) {
        Map<String, Sum> sums = new TreeMap<>();
        for (UsageEntity u : rows) {
            Sum s = sums.computeIfAbsent(key.apply(u), k -> new Sum());
            s.usd += costs.get(u);
            s.records += u.events;
            s.bytes += u.bytes;
        }
        List<UsageTotal> out = new ArrayList<>();
        sums.forEach((k, s) -> out.add(new UsageTotal(k, usd(s.usd), s.records, s.bytes)));
        return out;
    }

    /** A running total of one key. */
    private static final class Sum {
        double usd;
        long records;
        long bytes;
    }

    /** GetRemainingFreeTrialDays: 30 days (configurable) per data source from each account's detector creation. */
    @WithSession
    public Uni<Processed<FreeTrial>> freeTrial(String account, String region, String detectorId, List<String> accountIds) {
        List<String> requested = accountIds == null || accountIds.isEmpty() ? List.of(account) : Memberships.accountIds(accountIds);
        List<Unprocessed> unprocessed = new ArrayList<>();
        return detectorService.require(account, region, detectorId).chain(d -> visible(account, region))
                .chain(visible -> Multi.createFrom().iterable(requested).onItem().transformToUniAndConcatenate(id -> {
                    if (!visible.contains(id)) {
                        unprocessed.add(new Unprocessed(id, "The account is not the current account or one of its members."));
                        return Uni.createFrom().<FreeTrial>nullItem();
                    }
                    return detectors.inRegion(id, region).map(det -> {
                        if (det == null) {
                            unprocessed.add(new Unprocessed(id, "The account has no detector in this region."));
                            return null;
                        }
                        long used = Duration.between(det.createdAt, Instant.now()).toDays();
                        return new FreeTrial(id, (int) Math.max(0, config.pricing().freeTrialDays() - used));
                    });
                }).collect().asList())
                .map(l -> new Processed<>(l.stream().filter(x -> x != null).toList(), unprocessed));
    }
}
