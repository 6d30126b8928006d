package dev.vigil.accounts.model;

import java.math.BigDecimal;

/**
 * The usage of one group over the last 30 days: its cost, and what was analysed for it.
 *
 * @param key     the account ID, data source or resource the total is for ("-" for usage without a resource)
 * @param usd     the cost in USD, 4 decimal places
 * @param records the number of log records (events) analysed
 * @param bytes   the bytes of log analysed (flow and DNS logs as received; 0 for CloudTrail and S3 data events, which
 *                are metered per event)
 */
public record UsageTotal(String key, BigDecimal usd, long records, long bytes) {
}
