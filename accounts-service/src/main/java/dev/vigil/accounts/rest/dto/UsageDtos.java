package dev.vigil.accounts.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vigil.accounts.model.FreeTrial;
import dev.vigil.accounts.model.Processed;
import dev.vigil.accounts.model.UsageQuery;
import dev.vigil.accounts.model.UsageTotal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** GuardDuty usage shapes; member names are the model's {@code locationName}s. */
public final class UsageDtos {

    private UsageDtos() {
    }

    /** UsageCriteria. */
    public record UsageCriteria(List<String> accountIds, List<String> dataSources, List<String> resources, List<String> features) {
    }

    /** GetUsageStatisticsRequest. */
    public record GetUsageStatisticsRequest(String usageStatisticsType, UsageCriteria usageCriteria, String unit, Integer maxResults,
            String nextToken) {

        /** The statistic and criteria asked for; {@code null} when the request or its criteria are missing. */
        public static UsageQuery query(GetUsageStatisticsRequest r) {
            return r == null || r.usageCriteria == null ? null : new UsageQuery(r.usageStatisticsType,
                    r.usageCriteria.accountIds(), r.usageCriteria.dataSources(), r.usageCriteria.resources());
        }
    }

    /** Total: amount as a decimal string, unit {@code USD}. */
    public record Total(String amount, String unit) {

        static Total usd(UsageTotal t) {
            return new Total(t.usd().toPlainString(), "USD");
        }
    }

    /**
     * What Vigil analysed for one result over the same 30 days (a Vigil extension: the member
     * {@code vigilAnalyzed} beside GuardDuty's {@code total}, which AWS SDKs ignore).
     *
     * @param records log records (events) analysed
     * @param bytes   bytes of log analysed (flow and DNS logs as received; 0 for CloudTrail and S3 data events)
     */
    public record Analyzed(long records, long bytes) {

        static Analyzed of(UsageTotal t) {
            return new Analyzed(t.records(), t.bytes());
        }
    }

    /** UsageAccountResult, with Vigil's {@code vigilAnalyzed}. */
    public record AccountResult(String accountId, Total total, Analyzed vigilAnalyzed) {
    }

    /** UsageDataSourceResult, with Vigil's {@code vigilAnalyzed}. */
    public record DataSourceResult(String dataSource, Total total, Analyzed vigilAnalyzed) {
    }

    /** UsageResourceResult, with Vigil's {@code vigilAnalyzed}. */
    public record ResourceResult(String resource, Total total, Analyzed vigilAnalyzed) {
    }

    /** UsageStatistics: only the list of the requested type is present. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record UsageStatistics(List<AccountResult> sumByAccount, List<DataSourceResult> sumByDataSource,
            List<ResourceResult> sumByResource, List<ResourceResult> topResources, List<Object> sumByFeature,
            List<Object> topAccountsByFeature) {
    }

    /** GetUsageStatisticsResponse. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GetUsageStatisticsResponse(UsageStatistics usageStatistics, String nextToken) {

        /** The answer with one page of {@code type}'s totals: only that type's list is present. */
        public static GetUsageStatisticsResponse of(String type, List<UsageTotal> page, String nextToken) {
            UsageStatistics stats = switch (type) {
                case "SUM_BY_ACCOUNT" -> new UsageStatistics(page.stream()
                        .map(t -> new AccountResult(t.key(), Total.usd(t), Analyzed.of(t))).toList(), null, null, null, null, null);
                case "SUM_BY_DATA_SOURCE" -> new UsageStatistics(null, page.stream()
                        .map(t -> new DataSourceResult(t.key(), Total.usd(t), Analyzed.of(t))).toList(), null, null, null, null);
                case "SUM_BY_RESOURCE" -> new UsageStatistics(null, null, page.stream()
                        .map(t -> new ResourceResult(t.key(), Total.usd(t), Analyzed.of(t))).toList(), null, null, null);
                default -> new UsageStatistics(null, null, null, page.stream()
                        .map(t -> new ResourceResult(t.key(), Total.usd(t), Analyzed.of(t))).toList(), null, null);
            };
            return new GetUsageStatisticsResponse(stats, nextToken);
        }
    }

    /** GetRemainingFreeTrialDaysRequest. */
    public record FreeTrialRequest(List<String> accountIds) {
    }

    /** AccountFreeTrialInfo. */
    public record AccountFreeTrialInfo(String accountId, Map<String, Object> dataSources, List<Map<String, Object>> features) {
    }

    /** GetRemainingFreeTrialDaysResponse. */
    public record FreeTrialResponse(List<AccountFreeTrialInfo> accounts, List<MemberDtos.UnprocessedAccount> unprocessedAccounts) {

        /** The answer for {@code p}: each account's days, the same for every data source and feature it is metered on. */
        public static FreeTrialResponse of(Processed<FreeTrial> p) {
            return new FreeTrialResponse(p.items().stream().map(FreeTrialResponse::info).toList(),
                    MemberDtos.UnprocessedAccount.of(p.unprocessed()));
        }

        private static AccountFreeTrialInfo info(FreeTrial t) {
            int left = t.daysRemaining();
            Map<String, Object> days = Map.of("freeTrialDaysRemaining", left);
            Map<String, Object> ds = new LinkedHashMap<>();
            ds.put("cloudTrail", days);
            ds.put("dnsLogs", days);
            ds.put("flowLogs", days);
            ds.put("s3Logs", days);
            List<Map<String, Object>> features = List.of(
                    Map.of("name", "FLOW_LOGS", "freeTrialDaysRemaining", left),
                    Map.of("name", "CLOUD_TRAIL", "freeTrialDaysRemaining", left),
                    Map.of("name", "DNS_LOGS", "freeTrialDaysRemaining", left));
            return new AccountFreeTrialInfo(t.accountId(), ds, features);
        }
    }
}
