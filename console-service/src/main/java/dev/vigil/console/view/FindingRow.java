package dev.vigil.console.view;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One finding as a row of the Findings table and of the Summary's recent list (GuardDuty's console columns).
 *
 * @param resource the affected resource: instance ID, access key ID, or else the resource type
 * @param lastSeen {@code service.eventLastSeen} (ISO-8601, as the API gives it)
 */
public record FindingRow(String id, double severity, Severity band, String type, String title, String resource,
        String account, String region, long count, String lastSeen, boolean archived) {

    /** The row of a GuardDuty {@code Finding} document. */
    public static FindingRow of(JsonNode f) {
        JsonNode res = f.path("resource");
        String resource = first(res.path("instanceDetails").path("instanceId").asText(""),
                res.path("accessKeyDetails").path("accessKeyId").asText(""),
                res.path("accessKeyDetails").path("userName").asText(""),
                res.path("resourceType").asText(""));
        JsonNode service = f.path("service");
        double severity = f.path("severity").asDouble();
        return new FindingRow(f.path("id").asText(), severity, Severity.of(severity), f.path("type").asText(),
                f.path("title").asText(), resource, f.path("accountId").asText(), f.path("region").asText(),
                service.path("count").asLong(), first(service.path("eventLastSeen").asText(""), f.path("updatedAt").asText("")),
                service.path("archived").asBoolean(false));
    }

    /** The severity with one decimal, as GuardDuty's console shows it. */
    public String severityText() {
        return String.format(java.util.Locale.ROOT, "%.1f", severity);
    }

    private static String first(String... values) {
        for (String v : values) {
            if (!v.isBlank()) {
                return v;
            }
        }
        return "";
    }
}
