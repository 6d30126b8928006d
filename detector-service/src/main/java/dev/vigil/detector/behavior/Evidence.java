package dev.vigil.detector.behavior;

import dev.vigil.detector.rules.CloudTrailSignatures;
import dev.vigil.events.CloudTrailRecord;
import dev.vigil.events.DnsLogRecord;
import dev.vigil.events.FlowLogRecord;

/**
 * The deterministic evidence ID of a triggering record (its contract {@code eventId}, else fields that identify
 * it), so that a replayed record gives the same candidate event ID and is deduplicated downstream.
 */
final class Evidence {

    private Evidence() {
    }

    static String of(FlowLogRecord f) {
        return f.eventId() != null ? f.eventId()
                : f.interfaceId() + "|" + f.srcaddr() + "|" + f.dstaddr() + "|" + f.srcport() + "|" + f.dstport()
                        + "|" + f.protocol() + "|" + f.start() + "|" + f.end();
    }

    static String of(DnsLogRecord d) {
        return d.eventId() != null ? d.eventId() : d.srcaddr() + "|" + d.queryName() + "|" + d.queryTimestamp();
    }

    /** The same evidence as the CloudTrail signatures use ({@link CloudTrailSignatures#evidence}). */
    static String of(CloudTrailRecord c) {
        return CloudTrailSignatures.evidence(c);
    }
}
