package dev.vigil.ingest.service;

import dev.vigil.events.UsageRecord;

/** The data sources: metric tag and GuardDuty data-source name for usage. */
public enum Source {
    /** VPC Flow Logs. */
    FLOW("flow", UsageRecord.FLOW_LOGS, true),
    /** Route 53 Resolver query logs. */
    DNS("dns", UsageRecord.DNS_LOGS, true),
    /** CloudTrail management events. */
    CLOUDTRAIL("cloudtrail", UsageRecord.CLOUD_TRAIL, false),
    /**
     * S3 data events within CloudTrail submissions (metered apart, per event, when the detector's
     * {@code S3_DATA_EVENTS} feature is on; never a submission endpoint of its own).
     */
    S3_DATA("s3-data", UsageRecord.S3_LOGS, false);

    /** Tag value of the {@code source} metric tag. */
    public final String tag;
    /** GuardDuty's {@code DataSource} value. */
    public final String dataSource;
    /** Whether usage is metered in bytes (flow and DNS) rather than events only. */
    public final boolean meteredInBytes;

    Source(String tag, String dataSource, boolean meteredInBytes) {
        this.tag = tag;
        this.dataSource = dataSource;
        this.meteredInBytes = meteredInBytes;
    }
}
