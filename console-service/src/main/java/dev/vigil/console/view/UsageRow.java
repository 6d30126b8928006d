package dev.vigil.console.view;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * One row of the Usage page: what it is for (a data source, an account, a resource), the estimated cost
 * (GetUsageStatistics' {@code total}) and what was analysed for it (Vigil's {@code vigilAnalyzed} member of the same
 * result: records and bytes; {@code analyzed} is false when the API does not give them, as AWS's does not).
 *
 * @param amount  the API's decimal amount as given (e.g. {@code 0.1234})
 * @param unit    the currency, {@code USD}
 * @param records the records analysed, with thousands separators ({@code 2,002,000}); empty when not analyzed
 * @param bytes   the bytes analysed (an exact count, for the page's {@code <data value>})
 * @param size    {@code bytes} in binary units ({@code 600.0 GiB}, {@code 512 B}); empty when not analyzed
 */
public record UsageRow(String label, String amount, String unit, boolean analyzed, String records, long bytes, String size) {

    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    /** The row of one result: its {@code key} member (dataSource, accountId, resource), {@code total}, {@code vigilAnalyzed}. */
    public static UsageRow of(JsonNode result, String key) {
        JsonNode total = result.path("total");
        JsonNode analyzed = result.path("vigilAnalyzed");
        boolean has = analyzed.path("records").isIntegralNumber() && analyzed.path("bytes").isIntegralNumber();
        long bytes = has ? analyzed.path("bytes").asLong() : 0;
        return new UsageRow(result.path(key).asText(), total.path("amount").asText("0"), total.path("unit").asText("USD"), has,
                has ? String.format(Locale.ROOT, "%,d", analyzed.path("records").asLong()) : "", bytes, has ? size(bytes) : "");
    }

    /** {@code bytes} in binary units: {@code 512 B}, {@code 1.5 KiB}, {@code 600.0 GiB}. */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        int unit = (63 - Long.numberOfLeadingZeros(bytes)) / 10;
        return String.format(Locale.ROOT, "%.1f %s", bytes / Math.pow(1024, unit), UNITS[unit]);
    }
}
