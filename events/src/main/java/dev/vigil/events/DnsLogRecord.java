package dev.vigil.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One Route 53 Resolver query log record on {@link Topics#DNS_LOGS}, with the AWS field names
 * (<a href="https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-query-logs-format.html">Resolver
 * query log format</a>). {@code query_timestamp} is ISO-8601 UTC as in the log.
 *
 * <p>{@code accountId} is the tenant that owns the record (from the submitter's token); {@code account_id} is the
 * log's own field. The Kafka record timestamp is {@link #eventTimeMillis()}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DnsLogRecord(
        int schemaVersion,
        String eventId,
        String accountId,
        @JsonProperty("version") String version,
        @JsonProperty("account_id") String awsAccountId,
        @JsonProperty("region") String region,
        @JsonProperty("vpc_id") String vpcId,
        @JsonProperty("query_timestamp") String queryTimestamp,
        @JsonProperty("query_name") String queryName,
        @JsonProperty("query_type") String queryType,
        @JsonProperty("query_class") String queryClass,
        @JsonProperty("rcode") String rcode,
        @JsonProperty("answers") List<Answer> answers,
        @JsonProperty("srcaddr") String srcaddr,
        @JsonProperty("srcport") String srcport,
        @JsonProperty("transport") String transport,
        @JsonProperty("srcids") SrcIds srcids,
        @JsonProperty("firewall_rule_action") String firewallRuleAction,
        @JsonProperty("firewall_rule_group_id") String firewallRuleGroupId,
        @JsonProperty("firewall_domain_list_id") String firewallDomainListId) {

    /** The schema version this class writes. */
    public static final int SCHEMA_VERSION = 1;

    /** One answer of a query, with the log's capitalised member names. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Answer(@JsonProperty("Rdata") String rdata, @JsonProperty("Type") String type,
            @JsonProperty("Class") String answerClass) {
    }

    /** The resources the query came from. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SrcIds(@JsonProperty("instance") String instance,
            @JsonProperty("resolver_endpoint") String resolverEndpoint,
            @JsonProperty("resolver_network_interface") String resolverNetworkInterface) {
    }

    /** Event time in UTC epoch milliseconds, from {@code query_timestamp}; 0 when absent or unparsable. */
    @JsonIgnore
    public long eventTimeMillis() {
        return IsoTimes.epochMillis(queryTimestamp);
    }

    /** The instance that asked, when known. */
    @JsonIgnore
    public String instanceId() {
        return srcids == null ? null : srcids.instance();
    }

    /** The Kafka key: {@code accountId/instance}, or {@code accountId/srcaddr} when no instance is known. */
    @JsonIgnore
    public String key() {
        return Keys.logKey(accountId, instanceId() != null ? instanceId() : srcaddr);
    }
}
