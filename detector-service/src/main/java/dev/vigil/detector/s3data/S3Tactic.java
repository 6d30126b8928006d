package dev.vigil.detector.s3data;

import java.util.Set;

/**
 * What an S3 data-event API does, as GuardDuty's S3 finding types group them (user guide, "S3 finding types"):
 * discovery ("GetObjectAcl or ListObjects"), exfiltration, i.e. collecting data ("GetObject and CopyObject"), and
 * impact, i.e. tampering with data ("PutObject or PutObjectAcl"), which the AnomalousBehavior types split into write,
 * delete and permission changes.
 */
public enum S3Tactic {
    /** Reads metadata or lists: {@code List*}, {@code Head*}, {@code GetObjectAcl}, {@code GetObjectTagging}, ... */
    DISCOVERY,
    /** Reads object data: {@code GetObject}, {@code CopyObject}, {@code SelectObjectContent}, ... */
    EXFILTRATION,
    /** Writes objects or their metadata: {@code PutObject}, {@code UploadPart}, {@code PutObjectTagging}, ... */
    WRITE,
    /** Deletes objects: {@code DeleteObject}, {@code DeleteObjects}. */
    DELETE,
    /** Changes who may access an object: {@code PutObjectAcl}. */
    PERMISSION;

    private static final Set<String> EXFILTRATION_APIS = Set.of("GetObject", "CopyObject", "SelectObjectContent",
            "GetObjectTorrent", "UploadPartCopy");
    private static final Set<String> DELETE_APIS = Set.of("DeleteObject", "DeleteObjects");
    private static final Set<String> PERMISSION_APIS = Set.of("PutObjectAcl");

    /** The tactic of S3 API {@code eventName}; unknown names by their verb (Get/List/Head: discovery). */
    public static S3Tactic of(String eventName) {
        if (eventName == null) {
            return DISCOVERY;
        }
        if (EXFILTRATION_APIS.contains(eventName)) {
            return EXFILTRATION;
        }
        if (DELETE_APIS.contains(eventName)) {
            return DELETE;
        }
        if (PERMISSION_APIS.contains(eventName)) {
            return PERMISSION;
        }
        if (eventName.startsWith("Get") || eventName.startsWith("List") || eventName.startsWith("Head")) {
            return DISCOVERY;
        }
        return WRITE;
    }

    /** Whether GuardDuty files this API under its {@code Discovery:S3/*} types. */
    public boolean discovery() {
        return this == DISCOVERY;
    }
}
