package dev.vigil.accounts.model;

import java.math.BigDecimal;

/**
 * The cost of one group of usage over the last 30 days.
 *
 * @param key the account ID, data source or resource the total is for ("-" for usage without a resource)
 * @param usd the cost in USD, 4 decimal places
 */
public record UsageTotal(String key, BigDecimal usd) {
}
