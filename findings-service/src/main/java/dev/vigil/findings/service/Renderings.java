package dev.vigil.findings.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.events.Severity;
import dev.vigil.findings.repository.FindingFields;

/**
 * Other renderings of a stored GuardDuty finding: AWS Security Finding Format (ASFF, schema 2018-10-08, as Security
 * Hub imports GuardDuty findings) and an OCSF 1.1 Detection Finding (class_uid 2004, category_uid 2).
 */
public final class Renderings {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Renderings() {
    }

    private static String resourceType(String guardDutyType) {
        return switch (guardDutyType == null ? "" : guardDutyType) {
            case "Instance" -> "AwsEc2Instance";
            case "AccessKey" -> "AwsIamAccessKey";
            case "S3Bucket" -> "AwsS3Bucket";
            case "EKSCluster" -> "AwsEksCluster";
            default -> "Other";
        };
    }

    private static String resourceId(JsonNode doc) {
        JsonNode r = doc.path("resource");
        for (String p : new String[] {"/instanceDetails/instanceId", "/accessKeyDetails/accessKeyId", "/s3BucketDetails/0/name"}) {
            if (r.at(p).isTextual()) {
                return r.at(p).asText();
            }
        }
        return doc.path("id").asText();
    }

    /** The ASFF finding (Security Hub's import of a GuardDuty finding). */
    public static ObjectNode asff(JsonNode doc) {
        String region = doc.path("region").asText();
        String account = doc.path("accountId").asText();
        double severity = doc.path("severity").asDouble();
        JsonNode service = doc.path("service");
        ObjectNode out = F.objectNode().put("SchemaVersion", "2018-10-08").put("Id", doc.path("arn").asText(doc.path("id").asText()))
                .put("ProductArn", "arn:aws:securityhub:" + region + "::product/aws/guardduty")
                .put("GeneratorId", "arn:aws:guardduty:" + region + ":" + account + ":detector/"
                        + service.path("detectorId").asText())
                .put("AwsAccountId", account).put("Region", region)
                .put("CreatedAt", doc.path("createdAt").asText()).put("UpdatedAt", doc.path("updatedAt").asText())
                .put("FirstObservedAt", service.path("eventFirstSeen").asText())
                .put("LastObservedAt", service.path("eventLastSeen").asText())
                .put("Title", doc.path("title").asText()).put("Description", doc.path("description").asText())
                .put("RecordState", service.path("archived").asBoolean(false) ? "ARCHIVED" : "ACTIVE");
        String purpose = doc.path("type").asText().split(":")[0];
        out.putArray("Types").add(switch (purpose) {
            case "Recon", "Discovery" -> "TTPs/Discovery/" + doc.path("type").asText();
            case "UnauthorizedAccess", "CredentialAccess" -> "TTPs/Initial Access/" + doc.path("type").asText();
            case "CryptoCurrency", "Impact" -> "Effects/Resource Consumption/" + doc.path("type").asText();
            case "Exfiltration" -> "Effects/Data Exfiltration/" + doc.path("type").asText();
            case "Policy", "Stealth" -> "Software and Configuration Checks/" + doc.path("type").asText();
            default -> "TTPs/Command and Control/" + doc.path("type").asText();
        });
        out.putObject("Severity").put("Label", Severity.of(severity).name()).put("Normalized", (int) Math.round(severity * 10))
                .put("Original", Double.toString(severity));
        out.putObject("Workflow").put("Status", "NEW");
        out.putObject("ProductFields").put("aws/guardduty/service/count", service.path("count").asText())
                .put("aws/guardduty/type", doc.path("type").asText())
                .put("aws/guardduty/service/action/actionType", service.path("action").path("actionType").asText(""));
        out.putArray("Resources").addObject().put("Type", resourceType(doc.path("resource").path("resourceType").asText()))
                .put("Id", resourceId(doc)).put("Partition", doc.path("partition").asText("aws")).put("Region", region);
        return out;
    }

    private static long millis(JsonNode text) {
        var t = FindingFields.parseInstant(text.asText(null));
        return t == null ? 0 : t.toEpochMilli();
    }

    /** The OCSF 1.1 Detection Finding (class_uid 2004): Create (activity 1) for a single event, Update (2) after. */
    public static ObjectNode ocsf(JsonNode doc) {
        JsonNode service = doc.path("service");
        double severity = doc.path("severity").asDouble();
        int activity = service.path("count").asLong(1) > 1 ? 2 : 1;
        Severity level = Severity.of(severity);
        int severityId = switch (level) {
            case LOW -> 2;
            case MEDIUM -> 3;
            case HIGH -> 4;
            case CRITICAL -> 5;
        };
        boolean archived = service.path("archived").asBoolean(false);
        ObjectNode out = F.objectNode().put("class_uid", 2004).put("class_name", "Detection Finding")
                .put("category_uid", 2).put("category_name", "Findings").put("activity_id", activity)
                .put("activity_name", activity == 1 ? "Create" : "Update").put("type_uid", 200400 + activity)
                .put("severity_id", severityId).put("severity", level.name().charAt(0) + level.name().substring(1).toLowerCase())
                .put("status_id", archived ? 3 : 1).put("status", archived ? "Suppressed" : "New")
                .put("time", millis(doc.path("updatedAt"))).put("count", service.path("count").asLong(1))
                .put("message", doc.path("title").asText());
        ObjectNode info = out.putObject("finding_info").put("uid", doc.path("id").asText())
                .put("title", doc.path("title").asText()).put("desc", doc.path("description").asText())
                .put("created_time", millis(doc.path("createdAt"))).put("modified_time", millis(doc.path("updatedAt")))
                .put("first_seen_time", millis(service.path("eventFirstSeen")))
                .put("last_seen_time", millis(service.path("eventLastSeen")));
        info.putArray("types").add(doc.path("type").asText());
        ObjectNode metadata = out.putObject("metadata").put("version", "1.1.0");
        metadata.putObject("product").put("name", "Vigil").put("vendor_name", "Vigil")
                .putObject("feature").put("name", "GuardDuty-compatible findings");
        ObjectNode cloud = out.putObject("cloud").put("provider", "AWS").put("region", doc.path("region").asText());
        cloud.putObject("account").put("uid", doc.path("accountId").asText());
        out.putArray("resources").addObject().put("type", doc.path("resource").path("resourceType").asText("Other"))
                .put("uid", resourceId(doc)).put("region", doc.path("region").asText());
        out.set("unmapped", F.objectNode().put("guardduty_severity", severity)
                .put("action_type", service.path("action").path("actionType").asText("")));
        return out;
    }
}
