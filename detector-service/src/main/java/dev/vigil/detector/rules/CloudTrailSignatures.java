package dev.vigil.detector.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.detector.config.RulesConfig;
import dev.vigil.events.CloudTrailRecord;
import dev.vigil.events.FindingIds;
import dev.vigil.events.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Signature detections on single CloudTrail management events. Types, default severities and triggers are from the
 * GuardDuty user guide ("IAM finding types", "S3 finding types"; archived in
 * {@code shared/samples/findings/reference}).
 */
public final class CloudTrailSignatures {

    static final String ROOT = "Policy:IAMUser/RootCredentialUsage";
    static final String TRAIL_OFF = "Stealth:IAMUser/CloudTrailLoggingDisabled";
    static final String PASSWORD_POLICY = "Stealth:IAMUser/PasswordPolicyChange";
    static final String ACCOUNT_BPA = "Policy:S3/AccountBlockPublicAccessDisabled";
    static final String BUCKET_BPA = "Policy:S3/BucketBlockPublicAccessDisabled";
    static final String ANONYMOUS = "Policy:S3/BucketAnonymousAccessGranted";
    static final String PUBLIC = "Policy:S3/BucketPublicAccessGranted";
    static final String S3_LOGGING_OFF = "Stealth:S3/ServerAccessLoggingDisabled";

    /** Penetration-testing distributions recognised in the user agent (GuardDuty: PenTest:IAMUser/*). */
    private static final Map<String, Pattern> PENTEST = Map.of(
            "PenTest:IAMUser/KaliLinux", word("kali"),
            "PenTest:IAMUser/ParrotLinux", word("parrot"),
            "PenTest:IAMUser/PentooLinux", word("pentoo"));
    private static final List<String> BPA_FLAGS =
            List.of("BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets");

    private final RulesConfig.PasswordPolicy passwordPolicy;

    /** Signatures with the password-policy baseline of {@code config}. */
    public CloudTrailSignatures(RulesConfig config) {
        this.passwordPolicy = config.passwordPolicy();
    }

    private static Pattern word(String name) {
        // the distribution name as a word of its own: "Linux/6.1.0-kali7-amd64" matches, "kalimba" does not
        return Pattern.compile("(^|[^a-z])" + name + "([^a-z]|$)");
    }

    /** Every signature that {@code ct} matches (usually none). Never throws on missing or odd fields. */
    public List<Hit> evaluate(CloudTrailRecord ct) {
        List<Hit> hits = new ArrayList<>();
        if (ct.eventName() == null || "AwsServiceEvent".equals(ct.eventType())) {
            return hits;
        }
        boolean ok = succeeded(ct);
        CloudTrailRecord.UserIdentity id = ct.userIdentity();
        String source = ct.eventSource() == null ? "" : ct.eventSource();
        String name = ct.eventName();

        if (ok && id != null && "Root".equals(id.type()) && blank(id.invokedBy())) {
            hits.add(iam(ct, ROOT, Severities.of(ROOT), ct.principalId() + "|" + source + "|" + name,
                    "API " + name + " was invoked using root credentials.",
                    "API " + name + ", commonly used to access resources, was invoked using the root credentials of "
                            + "account " + id.accountId() + ". Root credentials should not be used for daily tasks."));
        }
        if (ok && source.startsWith("cloudtrail.") && ("StopLogging".equals(name) || "DeleteTrail".equals(name))) {
            String trail = text(ct.requestParameters(), "name");
            hits.add(iam(ct, TRAIL_OFF, Severities.of(TRAIL_OFF), ct.principalId() + "|" + trail,
                    "AWS CloudTrail trail " + trail + " was disabled.",
                    "The principal " + Blocks.userName(ct) + " called " + name + " on trail " + trail
                            + ", which stops the logging of API activity."));
        }
        if (source.startsWith("iam.")) {
            passwordPolicy(ct, ok).ifPresent(hits::add);
        }
        for (String os : pentestDistributions(ct.userAgent())) {
            String type = "PenTest:IAMUser/" + os;
            hits.add(iam(ct, type, Severities.of(type), ct.principalId(),
                    "API " + name + " was invoked from a " + os + " computer.",
                    "API " + name + " was invoked by " + Blocks.userName(ct) + " from a machine running "
                            + os + ", a penetration-testing distribution."));
        }
        if (ok && source.startsWith("s3")) {
            s3(ct, hits);
        }
        return hits;
    }

    /**
     * The penetration-testing distributions ({@code KaliLinux}, {@code ParrotLinux}, {@code PentooLinux}: the suffix
     * of GuardDuty's {@code PenTest:*} types) that {@code userAgent} names as a word of its own; empty for none or
     * {@code null}.
     */
    public static List<String> pentestDistributions(String userAgent) {
        if (userAgent == null) {
            return List.of();
        }
        String ua = userAgent.toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        PENTEST.forEach((type, pattern) -> {
            if (pattern.matcher(ua).find()) {
                out.add(type.substring(type.indexOf('/') + 1));
            }
        });
        java.util.Collections.sort(out);
        return out;
    }

    private java.util.Optional<Hit> passwordPolicy(CloudTrailRecord ct, boolean ok) {
        String name = ct.eventName();
        String outcome = ok ? "" : " (attempted, " + ct.errorCode() + ")";
        // GuardDuty: "This finding can also be triggered by an attempt to update or delete" the policy
        if ("DeleteAccountPasswordPolicy".equals(name)) {
            return java.util.Optional.of(iam(ct, PASSWORD_POLICY, Severities.passwordPolicyDeleted(), "password-policy",
                    "The account password policy was deleted" + outcome + ".",
                    "The account password policy was deleted by " + Blocks.userName(ct) + outcome
                            + ": IAM users may now set passwords of any length and composition."));
        }
        if (!"UpdateAccountPasswordPolicy".equals(name)) {
            return java.util.Optional.empty();
        }
        JsonNode p = ct.requestParameters() == null ? Json.MAPPER.createObjectNode() : ct.requestParameters();
        List<String> weak = new ArrayList<>();
        if (p.path("minimumPasswordLength").asInt(0) < passwordPolicy.minLength()) {
            weak.add("minimum length " + p.path("minimumPasswordLength").asInt(0) + " < " + passwordPolicy.minLength());
        }
        for (String flag : List.of("requireSymbols", "requireNumbers", "requireUppercaseCharacters",
                "requireLowercaseCharacters")) {
            if (!p.path(flag).asBoolean(false)) {
                weak.add(flag + " false");
            }
        }
        int maxAge = p.path("maxPasswordAge").asInt(0);
        if (maxAge <= 0 || maxAge > passwordPolicy.maxAgeDays()) {
            weak.add(maxAge <= 0 ? "passwords never expire" : "maximum age " + maxAge + " days");
        }
        if (weak.isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(iam(ct, PASSWORD_POLICY, Severities.passwordPolicy(weak.size()), "password-policy",
                "The account password policy was weakened" + outcome + ".",
                "The account password policy was updated by " + Blocks.userName(ct) + outcome + " to a weaker policy: "
                        + String.join(", ", weak) + "."));
    }

    private void s3(CloudTrailRecord ct, List<Hit> hits) {
        String name = ct.eventName();
        JsonNode p = ct.requestParameters() == null ? Json.MAPPER.createObjectNode() : ct.requestParameters();
        String bucket = text(p, "bucketName");
        switch (name) {
            case "DeleteAccountPublicAccessBlock" -> hits.add(s3(ct, ACCOUNT_BPA, "account", null,
                    "Amazon S3 Block Public Access was disabled for the account.",
                    "Block Public Access settings of the account were deleted by " + Blocks.userName(ct) + "."));
            case "PutAccountPublicAccessBlock" -> {
                if (bpaWeakened(p)) {
                    hits.add(s3(ct, ACCOUNT_BPA, "account", null,
                            "Amazon S3 Block Public Access was disabled for the account.",
                            "Block Public Access settings of the account were turned off by " + Blocks.userName(ct)
                                    + "."));
                }
            }
            case "DeleteBucketPublicAccessBlock" -> hits.add(s3(ct, BUCKET_BPA, bucket, bucket,
                    "Amazon S3 Block Public Access was disabled for S3 bucket " + bucket + ".",
                    "Block Public Access settings of bucket " + bucket + " were deleted by " + Blocks.userName(ct) + "."));
            case "PutBucketPublicAccessBlock" -> {
                if (bpaWeakened(p)) {
                    hits.add(s3(ct, BUCKET_BPA, bucket, bucket,
                            "Amazon S3 Block Public Access was disabled for S3 bucket " + bucket + ".",
                            "Block Public Access settings of bucket " + bucket + " were turned off by "
                                    + Blocks.userName(ct) + "."));
                }
            }
            case "PutBucketAcl" -> {
                String acl = Json.write(p);
                if (acl.contains("global/AllUsers") || acl.contains("\"public-read")) {
                    hits.add(s3(ct, ANONYMOUS, bucket, bucket,
                            "Amazon S3 bucket " + bucket + " was granted anonymous access.",
                            "The ACL of bucket " + bucket + " was changed by " + Blocks.userName(ct)
                                    + " to grant access to everyone on the internet (AllUsers)."));
                } else if (acl.contains("global/AuthenticatedUsers") || acl.contains("\"authenticated-read")) {
                    hits.add(s3(ct, PUBLIC, bucket, bucket,
                            "Amazon S3 bucket " + bucket + " was granted public access.",
                            "The ACL of bucket " + bucket + " was changed by " + Blocks.userName(ct)
                                    + " to grant access to every authenticated AWS user."));
                }
            }
            case "PutBucketPolicy" -> {
                if (policyAllowsEveryone(p.get("bucketPolicy"))) {
                    hits.add(s3(ct, ANONYMOUS, bucket, bucket,
                            "Amazon S3 bucket " + bucket + " was granted anonymous access.",
                            "The policy of bucket " + bucket + " was changed by " + Blocks.userName(ct)
                                    + " to allow any principal (\"*\") without a condition."));
                }
            }
            case "PutBucketLogging" -> {
                JsonNode status = p.get("BucketLoggingStatus");
                if (status != null && status.isObject() && !status.has("LoggingEnabled")) {
                    hits.add(s3(ct, S3_LOGGING_OFF, bucket, bucket,
                            "Server access logging was disabled for S3 bucket " + bucket + ".",
                            "Server access logging of bucket " + bucket + " was disabled by " + Blocks.userName(ct)
                                    + "."));
                }
            }
            default -> {
                // no S3 policy signature for this API
            }
        }
    }

    private static boolean bpaWeakened(JsonNode p) {
        JsonNode conf = p.get("PublicAccessBlockConfiguration");
        if (conf == null || !conf.isObject()) {
            return false;
        }
        for (String flag : BPA_FLAGS) {
            JsonNode v = conf.get(flag);
            if (v != null && !v.asBoolean(true)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a bucket policy has an Allow statement for principal {@code *} (or AWS {@code *}) with no condition. */
    static boolean policyAllowsEveryone(JsonNode policy) {
        if (policy != null && policy.isTextual()) {
            try {
                policy = Json.MAPPER.readTree(policy.asText());
            } catch (java.io.IOException | RuntimeException e) {
                return false;
            }
        }
        if (policy == null) {
            return false;
        }
        JsonNode statements = policy.path("Statement");
        Iterator<JsonNode> it = statements.isArray() ? statements.elements() : List.of(statements).iterator();
        while (it.hasNext()) {
            JsonNode s = it.next();
            if ("Allow".equals(s.path("Effect").asText()) && !s.has("Condition") && everyone(s.get("Principal"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean everyone(JsonNode principal) {
        if (principal == null) {
            return false;
        }
        if (principal.isTextual()) {
            return "*".equals(principal.asText());
        }
        JsonNode aws = principal.get("AWS");
        if (aws == null) {
            return false;
        }
        if (aws.isArray()) {
            for (JsonNode a : aws) {
                if ("*".equals(a.asText())) {
                    return true;
                }
            }
            return false;
        }
        return "*".equals(aws.asText());
    }

    /**
     * Whether the call succeeded: no {@code errorCode} or {@code errorMessage}, and no {@code "Failure"} in the
     * response (console sign-in events report failure as {@code responseElements.ConsoleLogin = "Failure"}).
     */
    public static boolean succeeded(CloudTrailRecord ct) {
        if (!blank(ct.errorCode()) || !blank(ct.errorMessage())) {
            return false;
        }
        JsonNode r = ct.responseElements();
        if (r != null && r.isObject()) {
            for (Iterator<JsonNode> it = r.elements(); it.hasNext(); ) {
                if ("Failure".equals(it.next().asText())) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The deterministic evidence of a CloudTrail record: its contract ID, else its {@code eventID}, else a hash. The
     * contract ID is ingest's: derived from the {@code eventID} within one submission's ID scope (the same for a
     * retry with the same {@code Idempotency-Key}, so a retry counts nothing twice; new for a new submission, so the
     * same file ingested again counts again on the same findings, as flow and DNS records do).
     */
    public static String evidence(CloudTrailRecord ct) {
        if (!blank(ct.eventId())) {
            return ct.eventId();
        }
        if (!blank(ct.eventID())) {
            return ct.eventID();
        }
        return FindingIds.sha256Hex32(Json.write(ct));
    }

    private static Hit iam(CloudTrailRecord ct, String type, double severity, String key, String title,
            String description) {
        long t = ct.eventTimeMillis();
        return new Hit(type, severity, title, description, key, evidence(ct), Blocks.accessKey(ct),
                Blocks.apiCall(ct, Map.of()), Blocks.TARGET, List.of(), 1, t, t, null);
    }

    private static Hit s3(CloudTrailRecord ct, String type, String key, String bucket, String title,
            String description) {
        long t = ct.eventTimeMillis();
        ObjectNode resource = Blocks.accessKey(ct);
        Map<String, String> affected = Map.of();
        if (bucket != null) {
            resource.put("resourceType", "S3Bucket");
            ObjectNode b = resource.putArray("s3BucketDetails").addObject();
            b.put("name", bucket);
            b.put("arn", "arn:aws:s3:::" + bucket);
            b.put("type", "Destination");
            affected = Map.of("AWS::S3::Bucket", bucket);
        }
        return new Hit(type, Severities.of(type), title, description, key, evidence(ct), resource,
                Blocks.apiCall(ct, affected),
                Blocks.TARGET, List.of(), 1, t, t, null);
    }

    static String text(JsonNode node, String field) {
        return node == null || node.get(field) == null || node.get(field).isNull() ? "-" : node.get(field).asText();
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
