package dev.vigil.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.Map;

/**
 * One VPC Flow Log record on {@link Topics#FLOW_LOGS}, with the AWS field names of the flow log format
 * (versions 2 to 10; <a href="https://docs.aws.amazon.com/vpc/latest/userguide/flow-log-records.html">Flow log
 * records</a>). A field that was {@code -} in the log is {@code null}.
 *
 * <p>{@code accountId} is the tenant that owns the record (from the submitter's token); {@code account-id} is the
 * log's own field. {@code start} and {@code end} are UTC epoch seconds, {@code bytes} are bytes. Fields the
 * contract does not name (the {@code ecs-*} fields and any future field) are kept as text in {@code fields}.
 * The Kafka record timestamp is {@link #eventTimeMillis()}. Read by {@link FlowLogRecordDeserializer} (the same JSON,
 * read without databind's creator buffering: the detector reads every flow record).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonDeserialize(using = FlowLogRecordDeserializer.class)
public record FlowLogRecord(
        int schemaVersion,
        String eventId,
        String accountId,
        String region,
        @JsonProperty("version") Integer version,
        @JsonProperty("account-id") String awsAccountId,
        @JsonProperty("interface-id") String interfaceId,
        @JsonProperty("srcaddr") String srcaddr,
        @JsonProperty("dstaddr") String dstaddr,
        @JsonProperty("srcport") Integer srcport,
        @JsonProperty("dstport") Integer dstport,
        @JsonProperty("protocol") Integer protocol,
        @JsonProperty("packets") Long packets,
        @JsonProperty("bytes") Long bytes,
        @JsonProperty("start") Long start,
        @JsonProperty("end") Long end,
        @JsonProperty("action") String action,
        @JsonProperty("log-status") String logStatus,
        @JsonProperty("vpc-id") String vpcId,
        @JsonProperty("subnet-id") String subnetId,
        @JsonProperty("instance-id") String instanceId,
        @JsonProperty("tcp-flags") Integer tcpFlags,
        @JsonProperty("type") String type,
        @JsonProperty("pkt-srcaddr") String pktSrcaddr,
        @JsonProperty("pkt-dstaddr") String pktDstaddr,
        @JsonProperty("az-id") String azId,
        @JsonProperty("sublocation-type") String sublocationType,
        @JsonProperty("sublocation-id") String sublocationId,
        @JsonProperty("pkt-src-aws-service") String pktSrcAwsService,
        @JsonProperty("pkt-dst-aws-service") String pktDstAwsService,
        @JsonProperty("flow-direction") String flowDirection,
        @JsonProperty("traffic-path") Integer trafficPath,
        @JsonProperty("reject-reason") String rejectReason,
        @JsonProperty("resource-id") String resourceId,
        @JsonProperty("encryption-status") Integer encryptionStatus,
        Map<String, String> fields) {

    /** The schema version this class writes. */
    public static final int SCHEMA_VERSION = 1;

    /** Event time in UTC epoch milliseconds: {@code end}, else {@code start}, else 0. */
    @JsonIgnore
    public long eventTimeMillis() {
        Long t = end != null ? end : start;
        return t == null ? 0L : t * 1000L;
    }

    /** Whether the record carries traffic ({@code log-status} OK or absent); NODATA and SKIPDATA do not. */
    @JsonIgnore
    public boolean hasTraffic() {
        return logStatus == null || "OK".equals(logStatus);
    }

    /** The Kafka key: {@code accountId/interface-id} (or the instance or resource ID when there is no interface). */
    @JsonIgnore
    public String key() {
        String resource = interfaceId != null ? interfaceId : instanceId != null ? instanceId : resourceId;
        return Keys.logKey(accountId, resource);
    }
}
