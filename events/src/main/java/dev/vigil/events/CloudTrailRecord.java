package dev.vigil.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One CloudTrail event on {@link Topics#CLOUDTRAIL}, with CloudTrail's field names
 * (<a href="https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html">
 * record contents</a>). {@code sourceIPAddress} is kept as written, which may be a host name such as
 * {@code ec2.amazonaws.com}. {@code requestParameters}, {@code responseElements} and {@code additionalEventData} are
 * kept as JSON (ingest caps their size).
 *
 * <p>{@code accountId} and {@code region} are the tenant account and region the record was accepted for. The Kafka
 * record timestamp is {@link #eventTimeMillis()}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CloudTrailRecord(
        int schemaVersion,
        String eventId,
        String accountId,
        String region,
        String eventVersion,
        String eventTime,
        String eventSource,
        String eventName,
        String awsRegion,
        String sourceIPAddress,
        String userAgent,
        UserIdentity userIdentity,
        String errorCode,
        String errorMessage,
        JsonNode requestParameters,
        JsonNode responseElements,
        JsonNode additionalEventData,
        String requestID,
        String eventID,
        Boolean readOnly,
        String eventType,
        Boolean managementEvent,
        String recipientAccountId,
        String eventCategory,
        String sessionCredentialFromConsole,
        String vpcEndpointId,
        JsonNode tlsDetails,
        JsonNode resources) {

    /** The schema version this class writes. */
    public static final int SCHEMA_VERSION = 1;

    /** CloudTrail's {@code userIdentity} element; {@code sessionContext} is kept as JSON. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record UserIdentity(String type, String principalId, String arn, String accountId, String accessKeyId,
            String userName, String invokedBy, String identityProvider, JsonNode sessionContext) {

        /**
         * This identity with its {@code sessionContext} reduced to {@code sessionIssuer.userName}, the only part a
         * finding reads (the role's name when the identity has no {@code userName}); the identity itself when there is
         * nothing else to drop. The attributes, the issuer's ARN and IDs, {@code ec2RoleDelivery},
         * {@code sourceIdentity} and {@code webIdFederationData} are dropped.
         */
        public UserIdentity withIssuerNameOnly() {
            if (sessionContext == null || sessionContext.isNull()) {
                return this;
            }
            JsonNode issuerName = sessionContext.path("sessionIssuer").path("userName");
            if (sessionContext.size() == 1 && sessionContext.path("sessionIssuer").size() == 1
                    && !issuerName.isMissingNode()) {
                return this;
            }
            JsonNode slim = null;
            if (!issuerName.isMissingNode() && !issuerName.isNull()) {
                ObjectNode context = JsonNodeFactory.instance.objectNode();
                context.putObject("sessionIssuer").set("userName", issuerName);
                slim = context;
            }
            return new UserIdentity(type, principalId, arn, accountId, accessKeyId, userName, invokedBy,
                    identityProvider, slim);
        }
    }

    /** Event time in UTC epoch milliseconds, from {@code eventTime}; 0 when absent or unparsable. */
    @JsonIgnore
    public long eventTimeMillis() {
        return IsoTimes.epochMillis(eventTime);
    }

    /** The principal that acted: {@code userIdentity.principalId}, else its ARN, else its type, else {@code -}. */
    @JsonIgnore
    public String principalId() {
        if (userIdentity == null) {
            return "-";
        }
        if (userIdentity.principalId() != null && !userIdentity.principalId().isBlank()) {
            return userIdentity.principalId();
        }
        if (userIdentity.arn() != null) {
            return userIdentity.arn();
        }
        return userIdentity.type() != null ? userIdentity.type() : "-";
    }

    /**
     * This event without {@code requestParameters}, {@code responseElements}, {@code additionalEventData},
     * {@code tlsDetails} and {@code resources}, and with its session context reduced by
     * {@link UserIdentity#withIssuerNameOnly()}: what the stages that judge who called, from where and when keep in
     * state and send through repartition topics (the identity, the source, names, error and IDs are kept; the
     * payloads and the session context are most of a record's size). The event itself when it has neither
     * {@code eventId} nor {@code eventID}, since a finding's evidence is then a hash of the whole event.
     */
    public CloudTrailRecord withoutPayloads() {
        boolean identified = eventId != null && !eventId.isBlank() || eventID != null && !eventID.isBlank();
        if (!identified) {
            return this;
        }
        UserIdentity identity = userIdentity == null ? null : userIdentity.withIssuerNameOnly();
        if (identity == userIdentity && requestParameters == null && responseElements == null
                && additionalEventData == null && tlsDetails == null && resources == null) {
            return this;
        }
        return new CloudTrailRecord(schemaVersion, eventId, accountId, region, eventVersion, eventTime, eventSource,
                eventName, awsRegion, sourceIPAddress, userAgent, identity, errorCode, errorMessage, null, null,
                null, requestID, eventID, readOnly, eventType, managementEvent, recipientAccountId, eventCategory,
                sessionCredentialFromConsole, vpcEndpointId, null, null);
    }

    /** The Kafka key: {@code accountId/principalId}. */
    @JsonIgnore
    public String key() {
        return Keys.logKey(accountId, principalId());
    }
}
