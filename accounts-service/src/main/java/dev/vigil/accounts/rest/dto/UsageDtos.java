package dev.vigil.accounts.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
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
    }

    /** Total: amount as a decimal string, unit {@code USD}. */
    public record Total(String amount, String unit) {
    }

    /** UsageAccountResult. */
    public record AccountResult(String accountId, Total total) {
    }

    /** UsageDataSourceResult. */
    public record DataSourceResult(String dataSource, Total total) {
    }

    /** UsageResourceResult. */
    public record ResourceResult(String resource, Total total) {
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
    }

    /** GetRemainingFreeTrialDaysRequest. */
    public record FreeTrialRequest(List<String> accountIds) {
    }

    /** AccountFreeTrialInfo. */
    public record AccountFreeTrialInfo(String accountId, Map<String, Object> dataSources, List<Map<String, Object>> features) {
    }

    /** GetRemainingFreeTrialDaysResponse. */
    public record FreeTrialResponse(List<AccountFreeTrialInfo> accounts, List<MemberDtos.UnprocessedAccount> unprocessedAccounts) {
    }
}
