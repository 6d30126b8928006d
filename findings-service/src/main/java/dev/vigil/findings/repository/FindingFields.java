package dev.vigil.findings.repository;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.events.model.AdditionalInfo;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The finding fields that criteria and sorting accept, each backed by an indexed column of table {@code finding}.
 * Field paths are GuardDuty's (the "finding criteria" attribute names of ListFindings / CreateFilter, e.g.
 * {@code service.action.networkConnectionAction.remoteIpDetails.ipAddressV4}); each is read from the finding
 * document by JSON pointer when the finding is stored ({@code service.additionalInfo.*} from the block's free-form
 * members, see {@link AdditionalInfo}).
 */
public final class FindingFields {

    /** Column value kinds: how criteria values are parsed and compared. */
    public enum Kind { STRING, NUMBER, INTEGER, TIMESTAMP, BOOLEAN }

    /**
     * One supported field.
     *
     * @param path     GuardDuty's criterion attribute name
     * @param column   the column of table {@code finding}
     * @param pointer  where the value sits in the finding document
     * @param sortable whether {@code sortCriteria.attributeName} accepts it (non-null columns only)
     */
    public record Field(String path, String column, Kind kind, String pointer, boolean sortable) {

        /** The column value of this field in {@code doc}, typed for JDBC (String, Double, Integer, Instant, Boolean). */
        public Object extract(JsonNode doc) {
            JsonNode v = AdditionalInfo.at(doc, pointer);
            if (v.isMissingNode() || v.isNull()) {
                return null;
            }
            return switch (kind) {
                case STRING -> v.isValueNode() ? v.asText() : null;
                case NUMBER -> v.isNumber() || v.isTextual() ? parseDouble(v.asText()) : null;
                case INTEGER -> v.isNumber() || v.isTextual() ? parseInt(v.asText()) : null;
                case TIMESTAMP -> parseInstant(v.asText());
                case BOOLEAN -> v.isBoolean() ? v.booleanValue() : Boolean.valueOf(v.asText());
            };
        }
    }

    private static final Map<String, Field> FIELDS = new LinkedHashMap<>();

    static {
        f("accountId", "account_id", Kind.STRING, "/accountId", true);
        f("region", "region", Kind.STRING, "/region", true);
        f("id", "id", Kind.STRING, "/id", true);
        f("type", "type", Kind.STRING, "/type", true);
        f("severity", "severity", Kind.NUMBER, "/severity", true);
        f("confidence", "confidence", Kind.NUMBER, "/confidence", false);
        f("createdAt", "created_at", Kind.TIMESTAMP, "/createdAt", true);
        f("updatedAt", "updated_at", Kind.TIMESTAMP, "/updatedAt", true);
        f("resource.resourceType", "resource_type", Kind.STRING, "/resource/resourceType", false);
        f("resource.instanceDetails.instanceId", "instance_id", Kind.STRING, "/resource/instanceDetails/instanceId", false);
        f("resource.instanceDetails.instanceType", "instance_type", Kind.STRING, "/resource/instanceDetails/instanceType", false);
        f("resource.instanceDetails.imageId", "image_id", Kind.STRING, "/resource/instanceDetails/imageId", false);
        f("resource.accessKeyDetails.accessKeyId", "ak_access_key_id", Kind.STRING, "/resource/accessKeyDetails/accessKeyId", false);
        f("resource.accessKeyDetails.principalId", "ak_principal_id", Kind.STRING, "/resource/accessKeyDetails/principalId", false);
        f("resource.accessKeyDetails.userName", "ak_user_name", Kind.STRING, "/resource/accessKeyDetails/userName", false);
        f("resource.accessKeyDetails.userType", "ak_user_type", Kind.STRING, "/resource/accessKeyDetails/userType", false);
        f("service.action.actionType", "action_type", Kind.STRING, "/service/action/actionType", false);
        String nc = "/service/action/networkConnectionAction";
        f("service.action.networkConnectionAction.blocked", "nc_blocked", Kind.BOOLEAN, nc + "/blocked", false);
        f("service.action.networkConnectionAction.connectionDirection", "nc_direction", Kind.STRING, nc + "/connectionDirection", false);
        f("service.action.networkConnectionAction.protocol", "nc_protocol", Kind.STRING, nc + "/protocol", false);
        f("service.action.networkConnectionAction.localPortDetails.port", "nc_local_port", Kind.INTEGER, nc + "/localPortDetails/port", false);
        f("service.action.networkConnectionAction.remotePortDetails.port", "nc_remote_port", Kind.INTEGER, nc + "/remotePortDetails/port", false);
        f("service.action.networkConnectionAction.localIpDetails.ipAddressV4", "nc_local_ip", Kind.STRING, nc + "/localIpDetails/ipAddressV4", false);
        f("service.action.networkConnectionAction.remoteIpDetails.ipAddressV4", "nc_remote_ip", Kind.STRING, nc + "/remoteIpDetails/ipAddressV4", false);
        f("service.action.networkConnectionAction.remoteIpDetails.country.countryName", "nc_remote_country", Kind.STRING, nc + "/remoteIpDetails/country/countryName", false);
        f("service.action.networkConnectionAction.remoteIpDetails.organization.asn", "nc_remote_asn", Kind.STRING, nc + "/remoteIpDetails/organization/asn", false);
        String api = "/service/action/awsApiCallAction";
        f("service.action.awsApiCallAction.api", "api_name", Kind.STRING, api + "/api", false);
        f("service.action.awsApiCallAction.callerType", "api_caller_type", Kind.STRING, api + "/callerType", false);
        f("service.action.awsApiCallAction.serviceName", "api_service_name", Kind.STRING, api + "/serviceName", false);
        f("service.action.awsApiCallAction.errorCode", "api_error_code", Kind.STRING, api + "/errorCode", false);
        f("service.action.awsApiCallAction.remoteIpDetails.ipAddressV4", "api_remote_ip", Kind.STRING, api + "/remoteIpDetails/ipAddressV4", false);
        f("service.action.dnsRequestAction.domain", "dns_domain", Kind.STRING, "/service/action/dnsRequestAction/domain", false);
        f("service.additionalInfo.threatListName", "threat_list_name", Kind.STRING, "/service/additionalInfo/threatListName", false);
        f("service.additionalInfo.sample", "sample", Kind.BOOLEAN, "/service/additionalInfo/sample", false);
        f("service.archived", "archived", Kind.BOOLEAN, "/service/archived", true);
        f("service.resourceRole", "resource_role", Kind.STRING, "/service/resourceRole", false);
        f("service.count", "count", Kind.NUMBER, "/service/count", true);
        f("service.eventFirstSeen", "event_first_seen", Kind.TIMESTAMP, "/service/eventFirstSeen", true);
        f("service.eventLastSeen", "event_last_seen", Kind.TIMESTAMP, "/service/eventLastSeen", true);
        f("service.userFeedback", "user_feedback", Kind.STRING, "/service/userFeedback", false);
    }

    private FindingFields() {
    }

    private static void f(String path, String column, Kind kind, String pointer, boolean sortable) {
        FIELDS.put(path, new Field(path, column, kind, pointer, sortable));
    }

    /** The field named {@code path}, if supported. */
    public static Optional<Field> byPath(String path) {
        return Optional.ofNullable(FIELDS.get(path));
    }

    /** Every supported field, in a stable order. */
    public static Iterable<Field> all() {
        return FIELDS.values();
    }

    static Double parseDouble(String s) {
        try {
            return Double.valueOf(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Integer parseInt(String s) {
        try {
            return Integer.valueOf(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Earliest instant a timestamp criterion may name: 0001-01-01T00:00:00Z (ISO 8601 four-digit years). */
    static final Instant MIN_INSTANT = Instant.parse("0001-01-01T00:00:00Z");
    /** Latest instant a timestamp criterion may name: 9999-12-31T23:59:59.999Z. */
    static final Instant MAX_INSTANT = Instant.parse("9999-12-31T23:59:59.999Z");

    /**
     * Parses an ISO-8601 instant or epoch milliseconds; {@code null} if neither or outside years 1-9999 (PostgreSQL's
     * timestamp range is wider at the end but ends at 4713 BC: outside it a query would fail).
     */
    public static Instant parseInstant(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return inRange(Instant.parse(s));
        } catch (RuntimeException e) {
            try {
                return epochMillis(Long.parseLong(s));
            } catch (NumberFormatException e2) {
                return null;
            }
        }
    }

    /** The instant of epoch milliseconds {@code ms}, or {@code null} outside years 1-9999. */
    public static Instant epochMillis(double ms) {
        return Double.isFinite(ms) && ms >= MIN_INSTANT.toEpochMilli() && ms <= MAX_INSTANT.toEpochMilli()
                ? Instant.ofEpochMilli((long) ms) : null;
    }

    private static Instant inRange(Instant i) {
        return i.isBefore(MIN_INSTANT) || i.isAfter(MAX_INSTANT) ? null : i;
    }
}
