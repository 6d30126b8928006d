package dev.vigil.console.view;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One estimated cost of the Usage page (GetUsageStatistics' {@code Total}): what it is for and the amount.
 *
 * @param amount the API's decimal amount as given (e.g. {@code 0.1234})
 * @param unit   the currency, {@code USD}
 */
public record Cost(String label, String amount, String unit) {

    /** The cost of one result: its {@code key} member (dataSource, accountId, resource) and {@code total}. */
    public static Cost of(JsonNode result, String key) {
        JsonNode total = result.path("total");
        return new Cost(result.path(key).asText(), total.path("amount").asText("0"), total.path("unit").asText("USD"));
    }
}
