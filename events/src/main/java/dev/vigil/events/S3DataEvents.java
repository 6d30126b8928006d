package dev.vigil.events;

import java.util.Set;

/**
 * Which CloudTrail records are Amazon S3 data events (object-level API calls), the data source of GuardDuty's S3
 * Protection (detector feature {@code S3_DATA_EVENTS}, usage data source {@code S3_LOGS}). Shared by ingest (gating
 * and metering) and the detector (the S3 data-event family), so both draw the line in the same place.
 *
 * <p>CloudTrail says it itself: {@code eventCategory} {@code Data} or {@code managementEvent} {@code false}
 * (CloudTrail user guide, "CloudTrail record contents"). Records that carry neither field (older trails, hand-made
 * records) are judged by the API name: the object-level operations CloudTrail logs as S3 data events (CloudTrail user
 * guide, "Amazon S3 data events"; S3 user guide, "Amazon S3 CloudTrail events", "object-level actions").
 */
public final class S3DataEvents {

    /** CloudTrail's {@code eventSource} of Amazon S3. */
    public static final String S3_SOURCE = "s3.amazonaws.com";

    /** Object-level S3 APIs that CloudTrail logs as data events (used only when the record does not say). */
    static final Set<String> DATA_APIS = Set.of("GetObject", "PutObject", "DeleteObject", "DeleteObjects",
            "CopyObject", "HeadObject", "GetObjectAcl", "PutObjectAcl", "GetObjectTagging", "PutObjectTagging",
            "DeleteObjectTagging", "GetObjectAttributes", "GetObjectLegalHold", "PutObjectLegalHold",
            "GetObjectRetention", "PutObjectRetention", "RestoreObject", "SelectObjectContent", "GetObjectTorrent",
            "CreateMultipartUpload", "UploadPart", "UploadPartCopy", "CompleteMultipartUpload",
            "AbortMultipartUpload", "ListParts", "ListObjects", "ListObjectsV2", "ListObjectVersions",
            "ListMultipartUploads", "HeadBucket");

    private S3DataEvents() {
    }

    /** Whether {@code ct} is an S3 data event; never throws on missing fields. */
    public static boolean is(CloudTrailRecord ct) {
        if (ct == null || !S3_SOURCE.equals(ct.eventSource())) {
            return false;
        }
        if (ct.eventCategory() != null) {
            return "Data".equalsIgnoreCase(ct.eventCategory());
        }
        if (ct.managementEvent() != null) {
            return !ct.managementEvent();
        }
        return ct.eventName() != null && DATA_APIS.contains(ct.eventName());
    }
}
