package dev.vigil.events;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Usage of one data source by one account, region and resource within one UTC hour, on {@link Topics#USAGE},
 * keyed by account ID. Ingest publishes one record per (account, region, data source, resource, hour) and request;
 * accounts-service sums them for {@code GetUsageStatistics}.
 *
 * @param eventId    unique per record; consumers ignore a redelivered one
 * @param dataSource GuardDuty's {@code DataSource} value: {@code FLOW_LOGS}, {@code DNS_LOGS},
 *                   {@code CLOUD_TRAIL} or {@code S3_LOGS}
 * @param resourceId the network interface, instance or principal, when known
 * @param hourStart  start of the hour, UTC epoch milliseconds
 * @param bytes      bytes of log analysed (flow and DNS logs; the record's size as received)
 * @param events     number of records analysed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UsageRecord(int schemaVersion, String eventId, String accountId, String region, String dataSource,
        String resourceId, long hourStart, long bytes, long events) {

    /** The schema version this class writes. */
    public static final int SCHEMA_VERSION = 1;
    /** GuardDuty data source name for VPC Flow Logs. */
    public static final String FLOW_LOGS = "FLOW_LOGS";
    /** GuardDuty data source name for DNS query logs. */
    public static final String DNS_LOGS = "DNS_LOGS";
    /** GuardDuty data source name for CloudTrail management events. */
    public static final String CLOUD_TRAIL = "CLOUD_TRAIL";
    /**
     * GuardDuty data source name for S3 data events (S3 Protection, detector feature {@code S3_DATA_EVENTS}); billed
     * per event (GuardDuty pricing: "per million S3 data events"), so {@code bytes} is 0.
     */
    public static final String S3_LOGS = "S3_LOGS";
}
