package dev.vigil.web.tags;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ARN of a taggable GuardDuty resource, as TagResource, UntagResource and ListTagsForResource name it in their
 * path ({@code /tags/{ResourceArn}}): {@code arn:<partition>:guardduty:<region>:<account>:detector/<detectorId>}
 * for a detector, followed by {@code /<type>/<id>} for a resource of the detector ({@link Type}). The model's
 * {@code GuardDutyArn} pattern ({@value #MODEL_PATTERN}) is the outer bound; Vigil's IDs are narrower (detector and
 * list IDs 32 lowercase hex characters, filter names 3 to 64 of {@code [A-Za-z0-9_.-]}), and an ARN that cannot name
 * one of them names nothing.
 *
 * @param partition  {@code aws}, {@code aws-cn}, {@code aws-us-gov}, ... (any, as the model allows)
 * @param region     the region the resource lives in
 * @param accountId  the 12-digit account the ARN claims; never trusted: it must be the caller's
 * @param detectorId the detector
 * @param type       the resource type
 * @param id         the resource's ID or name within the detector; {@code null} for a detector
 */
public record ResourceArn(String partition, String region, String accountId, String detectorId, Type type, String id) {

    /** GuardDuty's {@code GuardDutyArn} pattern (guardduty-2017-11-28 model). */
    public static final String MODEL_PATTERN =
            "arn:[A-Za-z_.-]{1,20}:guardduty:[A-Za-z0-9_/.-]{0,63}:\\d+:detector/[A-Za-z0-9_/.-]{32,264}";

    private static final Pattern MODEL = Pattern.compile(MODEL_PATTERN);
    private static final Pattern SHAPE = Pattern.compile("arn:([A-Za-z_.-]{1,20}):guardduty:([a-z0-9-]{1,63}):(\\d{12})"
            + ":detector/([0-9a-f]{32})(?:/([A-Za-z]+)/([A-Za-z0-9_.-]{1,64}))?");

    /** The taggable resources of GuardDuty that Vigil has, with their ARN path element. */
    public enum Type {
        /** A detector: {@code detector/<id>}. */
        DETECTOR(null, "[0-9a-f]{32}"),
        /** A filter: {@code detector/<id>/filter/<name>} (findings-service). */
        FILTER("filter", "[A-Za-z0-9_.-]{3,64}"),
        /** A publishing destination: {@code detector/<id>/publishingDestination/<id>} (findings-service). */
        PUBLISHING_DESTINATION("publishingDestination", "[0-9a-f]{32}"),
        /** An IPSet: {@code detector/<id>/ipset/<id>} (accounts-service). */
        IPSET("ipset", "[0-9a-f]{32}"),
        /** A ThreatIntelSet: {@code detector/<id>/threatintelset/<id>} (accounts-service). */
        THREAT_INTEL_SET("threatintelset", "[0-9a-f]{32}"),
        /** A ThreatEntitySet: {@code detector/<id>/threatentityset/<id>} (accounts-service). */
        THREAT_ENTITY_SET("threatentityset", "[0-9a-f]{32}"),
        /** A TrustedEntitySet: {@code detector/<id>/trustedentityset/<id>} (accounts-service). */
        TRUSTED_ENTITY_SET("trustedentityset", "[0-9a-f]{32}");

        private final String element;
        private final Pattern id;

        Type(String element, String id) {
            this.element = element;
            this.id = Pattern.compile(id);
        }

        /** The ARN path element after {@code detector/<id>/}, {@code null} for a detector. */
        public String element() {
            return element;
        }

        static Optional<Type> of(String element) {
            for (Type t : values()) {
                if (t.element != null && t.element.equals(element)) {
                    return Optional.of(t);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * The resource {@code arn} names, if it is the ARN of a taggable resource Vigil has (else empty: malformed, or
     * of a type or ID shape Vigil does not have).
     */
    public static Optional<ResourceArn> parse(String arn) {
        if (arn == null || !MODEL.matcher(arn).matches()) {
            return Optional.empty();
        }
        Matcher m = SHAPE.matcher(arn);
        if (!m.matches()) {
            return Optional.empty();
        }
        if (m.group(5) == null) {
            return Optional.of(new ResourceArn(m.group(1), m.group(2), m.group(3), m.group(4), Type.DETECTOR, null));
        }
        return Type.of(m.group(5)).filter(t -> t.id.matcher(m.group(6)).matches())
                .map(t -> new ResourceArn(m.group(1), m.group(2), m.group(3), m.group(4), t, m.group(6)));
    }

    /** The ARN of detector {@code detectorId} of {@code accountId} in {@code region} (partition {@code aws}). */
    public static ResourceArn detector(String region, String accountId, String detectorId) {
        return new ResourceArn("aws", region, accountId, detectorId, Type.DETECTOR, null);
    }

    /** The ARN of resource {@code id} of {@code type} under detector {@code detectorId} (partition {@code aws}). */
    public static ResourceArn of(String region, String accountId, String detectorId, Type type, String id) {
        return new ResourceArn("aws", region, accountId, detectorId, type, id);
    }

    /** The ARN as text. */
    @Override
    public String toString() {
        String base = "arn:" + partition + ":guardduty:" + region + ":" + accountId + ":detector/" + detectorId;
        return type == Type.DETECTOR ? base : base + "/" + type.element() + "/" + id;
    }
}
