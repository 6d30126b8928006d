package dev.vigil.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic finding IDs: the same activity (account, region, type, aggregation key) always maps to the same
 * 32-character lowercase hex ID, so a new occurrence updates the finding instead of creating another.
 */
public final class FindingIds {

    private FindingIds() {
    }

    /**
     * The finding ID: the first 128 bits of SHA-256 over the four parts, as 32 lowercase hex characters.
     *
     * @param aggregationKey what makes two occurrences "the same activity" for this type (for example the
     *                       instance and remote address); defined by each detection
     */
    public static String findingId(String accountId, String region, String type, String aggregationKey) {
        return sha256Hex32(accountId + "|" + region + "|" + type + "|" + aggregationKey);
    }

    /** A deterministic candidate event ID from the finding ID and the evidence that produced it. */
    public static String candidateEventId(String findingId, String evidence) {
        return sha256Hex32(findingId + "#" + evidence);
    }

    /** The ARN GuardDuty gives a finding. */
    public static String arn(String partition, String region, String accountId, String detectorId, String findingId) {
        return "arn:" + partition + ":guardduty:" + region + ":" + accountId + ":detector/" + detectorId
                + "/finding/" + findingId;
    }

    /** First 128 bits of SHA-256 of {@code text} (UTF-8), 32 lowercase hex characters. */
    public static String sha256Hex32(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
