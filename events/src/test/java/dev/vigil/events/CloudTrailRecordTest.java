package dev.vigil.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * {@link CloudTrailRecord#withoutPayloads()} and {@link CloudTrailRecord.UserIdentity#withIssuerNameOnly()}: what they
 * drop, what they keep, and when the whole event is kept.
 */
class CloudTrailRecordTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void dropsThePayloadsAndKeepsEverythingElse() throws Exception {
        CloudTrailRecord full = call("vigil-1", null, MAPPER.readTree("{\"bucketName\":\"b\"}"));
        CloudTrailRecord slim = full.withoutPayloads();

        assertThat(slim.requestParameters()).isNull();
        assertThat(slim.responseElements()).isNull();
        assertThat(slim.additionalEventData()).isNull();
        assertThat(slim.tlsDetails()).isNull();
        assertThat(slim.resources()).isNull();
        CloudTrailRecord restored = new CloudTrailRecord(slim.schemaVersion(), slim.eventId(), slim.accountId(),
                slim.region(), slim.eventVersion(), slim.eventTime(), slim.eventSource(), slim.eventName(),
                slim.awsRegion(), slim.sourceIPAddress(), slim.userAgent(), full.userIdentity(), slim.errorCode(),
                slim.errorMessage(), full.requestParameters(), full.responseElements(), full.additionalEventData(),
                slim.requestID(), slim.eventID(), slim.readOnly(), slim.eventType(), slim.managementEvent(),
                slim.recipientAccountId(), slim.eventCategory(), slim.sessionCredentialFromConsole(),
                slim.vpcEndpointId(), full.tlsDetails(), full.resources());
        assertThat(restored).isEqualTo(full);
        assertThat(slim.userIdentity()).isEqualTo(full.userIdentity().withIssuerNameOnly());
        assertThat(slim.userIdentity().sessionContext()).isEqualTo(
                MAPPER.readTree("{\"sessionIssuer\":{\"userName\":\"app\"}}"));
        assertThat(slim.eventTimeMillis()).isEqualTo(full.eventTimeMillis());
        assertThat(slim.key()).isEqualTo(full.key());
        assertThat(Json.write(slim).length()).isLessThan(Json.write(full).length());
    }

    @Test
    void anEventWithoutPayloadsIsReturnedAsItIs() throws Exception {
        CloudTrailRecord bare = call("vigil-2", null, null);
        bare = new CloudTrailRecord(bare.schemaVersion(), bare.eventId(), bare.accountId(), bare.region(),
                bare.eventVersion(), bare.eventTime(), bare.eventSource(), bare.eventName(), bare.awsRegion(),
                bare.sourceIPAddress(), bare.userAgent(), bare.userIdentity().withIssuerNameOnly(), bare.errorCode(),
                bare.errorMessage(),
                null, null, null, bare.requestID(), bare.eventID(), bare.readOnly(), bare.eventType(),
                bare.managementEvent(), bare.recipientAccountId(), bare.eventCategory(),
                bare.sessionCredentialFromConsole(), bare.vpcEndpointId(), null, null);
        assertThat(bare.withoutPayloads()).isSameAs(bare);
    }

    @Test
    void anEventWithNeitherIdKeepsItsPayloadsSinceItsEvidenceIsTheWholeEvent() throws Exception {
        CloudTrailRecord anonymous = call(null, " ", MAPPER.readTree("{\"roleArn\":\"r\"}"));
        assertThat(anonymous.withoutPayloads()).isSameAs(anonymous);
        CloudTrailRecord onlyTrailId = call(null, "3f1c2d4e-0000-4000-8000-000000000001",
                MAPPER.readTree("{\"roleArn\":\"r\"}"));
        assertThat(onlyTrailId.withoutPayloads().requestParameters()).isNull();
    }

    @Test
    void theSessionContextKeepsOnlyTheIssuersUserName() throws Exception {
        CloudTrailRecord.UserIdentity role = identity(MAPPER.readTree("""
                {"sessionIssuer":{"type":"Role","principalId":"AROAEXAMPLE","arn":"arn:aws:iam::111111111111:role/app",
                 "accountId":"111111111111","userName":"app"},
                 "attributes":{"creationDate":"2026-12-07T03:00:00Z","mfaAuthenticated":"false"},
                 "ec2RoleDelivery":"2.0"}"""));
        CloudTrailRecord.UserIdentity slim = role.withIssuerNameOnly();
        assertThat(slim.sessionContext()).isEqualTo(MAPPER.readTree("{\"sessionIssuer\":{\"userName\":\"app\"}}"));
        assertThat(slim.withIssuerNameOnly()).isSameAs(slim);
        assertThat(new CloudTrailRecord.UserIdentity("AssumedRole", "p", "arn", "1", "k", "u", null, null, null)
                .withIssuerNameOnly().sessionContext()).isNull();

        CloudTrailRecord.UserIdentity noIssuer = identity(MAPPER.readTree(
                "{\"attributes\":{\"creationDate\":\"2026-12-07T03:00:00Z\",\"mfaAuthenticated\":\"true\"}}"));
        assertThat(noIssuer.withIssuerNameOnly().sessionContext()).isNull();
        assertThat(noIssuer.withIssuerNameOnly().principalId()).isEqualTo(noIssuer.principalId());
        assertThat(noIssuer.withIssuerNameOnly().accessKeyId()).isEqualTo(noIssuer.accessKeyId());
    }

    private static CloudTrailRecord.UserIdentity identity(JsonNode context) {
        return new CloudTrailRecord.UserIdentity("AssumedRole", "AROAEXAMPLE:i-0abc", "arn:aws:sts::111111111111:x",
                "111111111111", "ASIAEXAMPLE", null, null, null, context);
    }

    private static CloudTrailRecord call(String eventId, String eventID, JsonNode request) throws Exception {
        JsonNode context = MAPPER.readTree("{\"sessionIssuer\":{\"type\":\"Role\",\"userName\":\"app\"},"
                + "\"attributes\":{\"mfaAuthenticated\":\"false\"}}");
        return new CloudTrailRecord(1, eventId, "111111111111", "us-east-1", "1.08", "2026-12-07T03:40:00Z",
                "s3.amazonaws.com", "GetObject", "us-east-1", "203.0.113.7", "aws-cli/2.15.0",
                identity(context),
                null, null, request, MAPPER.readTree("{\"x\":1}"), MAPPER.readTree("{\"y\":2}"), "req-1", eventID,
                true, "AwsApiCall", true, "111111111111", "Management", null, "vpce-1",
                MAPPER.readTree("{\"tlsVersion\":\"TLSv1.3\"}"), MAPPER.readTree("[{\"ARN\":\"arn:aws:s3:::b\"}]"));
    }
}
