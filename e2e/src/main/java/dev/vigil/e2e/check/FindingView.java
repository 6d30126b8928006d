package dev.vigil.e2e.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.e2e.ingest.Table;
import dev.vigil.events.Severity;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A flat view of one GuardDuty finding JSON (shape {@code Finding}) for tables and checks.
 *
 * @param severity  the score, 1.0-10.0 (0 if missing)
 * @param resource  a short description: the instance ID, {@code user/accessKeyId}, a bucket name, or the type
 * @param updatedAt the finding's {@code updatedAt} (ISO-8601), or empty
 */
public record FindingView(String id, String accountId, String type, double severity, String resourceType,
                          String instanceId, String userName, String accessKeyId, String resource, long count,
                          String firstSeen, String lastSeen, String title, boolean archived, String updatedAt) {

    /** Reads a finding; missing members become empty strings / zeros. */
    public static FindingView of(JsonNode f) {
        JsonNode r = f.path("resource");
        String resourceType = r.path("resourceType").asText("");
        String instanceId = r.path("instanceDetails").path("instanceId").asText("");
        String userName = r.path("accessKeyDetails").path("userName").asText("");
        String accessKeyId = r.path("accessKeyDetails").path("accessKeyId").asText("");
        String desc;
        if (!instanceId.isEmpty()) {
            desc = instanceId;
        } else if (!userName.isEmpty() || !accessKeyId.isEmpty()) {
            desc = userName + (accessKeyId.isEmpty() ? "" : "/" + accessKeyId);
        } else if (r.path("s3BucketDetails").isArray() && !r.path("s3BucketDetails").isEmpty()) {
            desc = r.path("s3BucketDetails").get(0).path("name").asText();
        } else {
            desc = resourceType;
        }
        JsonNode s = f.path("service");
        return new FindingView(f.path("id").asText(""), f.path("accountId").asText(""), f.path("type").asText(""),
            f.path("severity").asDouble(0), resourceType, instanceId, userName, accessKeyId, desc,
            s.path("count").asLong(0), s.path("eventFirstSeen").asText(""), s.path("eventLastSeen").asText(""),
            f.path("title").asText(""), s.path("archived").asBoolean(false), f.path("updatedAt").asText(""));
    }

    /** GuardDuty's level name for the score ({@link Severity}), or {@code ?} outside 1.0-10.0. */
    public String level() {
        try {
            return Severity.of(severity).name();
        } catch (IllegalArgumentException e) {
            return "?";
        }
    }

    /**
     * Whether the finding was last updated at or after {@code since} (findings-service sets {@code updatedAt} to its
     * clock whenever it applies an event); true when {@code since} is null or {@code updatedAt} is missing or unreadable,
     * so that a finding is never left out for lack of a time.
     */
    public boolean updatedSince(Instant since) {
        if (since == null || updatedAt.isEmpty()) {
            return true;
        }
        try {
            return !Instant.parse(updatedAt).isBefore(since);
        } catch (DateTimeParseException e) {
            return true;
        }
    }

    /** True at HIGH (7.0) or above. */
    public boolean high() {
        return severity >= Severity.HIGH.lowerBound();
    }

    /**
     * Client-side filters (all optional): finding types, minimum severity, account, archived state.
     *
     * @param types    exact type names; empty for any
     * @param archived null for both states
     */
    public record Filter(Set<String> types, Double minSeverity, String account, Boolean archived) {
        public boolean test(FindingView f) {
            return (types == null || types.isEmpty() || types.contains(f.type()))
                && (minSeverity == null || f.severity() >= minSeverity)
                && (account == null || account.equals(f.accountId()))
                && (archived == null || archived == f.archived());
        }
    }

    /** Parses a {@code --min-severity} value: a score ({@code 7}, {@code 4.5}) or a level name ({@code high}). */
    public static double parseSeverity(String s) {
        try {
            return Severity.valueOf(s.trim().toUpperCase(Locale.ROOT)).lowerBound();
        } catch (IllegalArgumentException e) {
            return Double.parseDouble(s.trim());
        }
    }

    /** Sorts by severity (highest first), then last seen (newest first), then type. */
    public static List<FindingView> sorted(Collection<FindingView> findings) {
        return findings.stream().sorted(Comparator.comparingDouble(FindingView::severity).reversed()
            .thenComparing(FindingView::lastSeen, Comparator.reverseOrder())
            .thenComparing(FindingView::type)).toList();
    }

    /** The findings table: severity (label and score), type, account, resource, count, first/last seen, title. */
    public static Table table(Collection<FindingView> findings) {
        Table t = new Table("severity", "type", "account", "resource", "count", "first seen", "last seen", "title")
            .right(4).cap(1, 60).cap(3, 40).cap(7, 70);
        for (FindingView f : sorted(findings)) {
            t.row(String.format(Locale.ROOT, "%-8s %4.1f", f.level(), f.severity()), f.type(), f.accountId(),
                f.resource(), f.count(), shortTime(f.firstSeen()), shortTime(f.lastSeen()), f.title());
        }
        return t;
    }

    /** {@code 2026-11-29T21:03:12.000Z} becomes {@code 2026-11-29 21:03:12}. */
    static String shortTime(String iso) {
        if (iso == null || iso.length() < 19) {
            return iso;
        }
        return iso.substring(0, 10) + " " + iso.substring(11, 19);
    }
}
