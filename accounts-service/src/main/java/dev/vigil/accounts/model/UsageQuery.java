package dev.vigil.accounts.model;

import java.util.List;

/**
 * What GetUsageStatistics asks for: the statistic and the criteria (empty lists: no restriction).
 *
 * @param type SUM_BY_ACCOUNT, SUM_BY_DATA_SOURCE, SUM_BY_RESOURCE or TOP_RESOURCES
 */
public record UsageQuery(String type, List<String> accountIds, List<String> dataSources, List<String> resources) {
}
