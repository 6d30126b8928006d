package dev.vigil.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.CloudTrailRecord;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CloudTrailParserTest {

    static final ParseContext CTX = new ParseContext("999999999999", "eu-west-1", 1_800_000_000_000L,
            ParseContext.DEFAULT_FUTURE_SKEW_MILLIS, 200, null);
    static final String EVENT = "{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"AWSService\","
            + "\"invokedBy\":\"ec2.amazonaws.com\"},\"eventTime\":\"2024-10-08T10:15:32Z\","
            + "\"eventSource\":\"sts.amazonaws.com\",\"eventName\":\"AssumeRole\",\"awsRegion\":\"us-east-1\","
            + "\"sourceIPAddress\":\"ec2.amazonaws.com\",\"userAgent\":\"ec2.amazonaws.com\","
            + "\"requestParameters\":{\"roleArn\":\"arn:aws:iam::123456789012:role/r\"},\"responseElements\":null,"
            + "\"eventID\":\"b7d4398e-b2f0-4faa-9c76-e2d316a8d67f\",\"readOnly\":true,\"eventType\":\"AwsApiCall\","
            + "\"managementEvent\":true,\"recipientAccountId\":\"123456789012\",\"eventCategory\":\"Management\"}";

    static Collected<CloudTrailRecord> parse(String body) {
        Collected<CloudTrailRecord> c = new Collected<>();
        c.outcome = new CloudTrailParser().parse(body.getBytes(StandardCharsets.UTF_8), CTX, c);
        return c;
    }

    @Test
    void recordsFileArrayOneEventAndEnvelopeAllWork() {
        String envelope = "{\"version\":\"0\",\"detail-type\":\"AWS API Call via CloudTrail\",\"source\":\"aws.sts\","
                + "\"detail\":" + EVENT + "}";
        for (String body : new String[] {"{\"Records\":[" + EVENT + "]}", "[" + EVENT + "]", EVENT, envelope}) {
            CloudTrailRecord r = parse(body).only();
            assertThat(r.eventName()).isEqualTo("AssumeRole");
            assertThat(r.accountId()).isEqualTo("123456789012");
            assertThat(r.region()).isEqualTo("us-east-1");
            assertThat(r.sourceIPAddress()).isEqualTo("ec2.amazonaws.com");
            assertThat(r.userIdentity().type()).isEqualTo("AWSService");
            assertThat(r.readOnly()).isTrue();
            assertThat(r.responseElements()).isNull();
            assertThat(r.requestParameters().path("roleArn").asText()).endsWith("role/r");
            assertThat(r.key()).isEqualTo("123456789012/AWSService");
        }
    }

    @Test
    void eventIdIsDerivedFromCloudTrailsEventIdAndAccount() {
        String a = parse(EVENT).only().eventId();
        assertThat(parse("[" + EVENT + "]").only().eventId()).isEqualTo(a);
        assertThat(a).isNotEqualTo("b7d4398e-b2f0-4faa-9c76-e2d316a8d67f");
    }

    @Test
    void insightsAndDigestsAreSkipped() {
        Collected<CloudTrailRecord> c = parse("{\"Records\":[{\"eventVersion\":\"1.07\",\"eventTime\":\"2019-11-14T00:51:00Z\","
                + "\"eventType\":\"AwsCloudTrailInsight\",\"insightDetails\":{}}," + EVENT + "]}\n"
                + "{\"awsAccountId\":\"123456789123\",\"digestStartTime\":\"2020-09-11T18:36:49Z\",\"logFiles\":[]}");
        assertThat(c.records).hasSize(1);
        assertThat(c.skipped).extracting(LineError::index).containsExactly(0L, 2L);
        assertThat(c.skipped.get(1).reason()).isEqualTo("CloudTrail digest file");
    }

    @Test
    void everyIdentityTypeAndMissingIdentityIsKept() {
        for (String type : new String[] {"Root", "IAMUser", "AssumedRole", "FederatedUser", "AWSAccount",
                "IdentityCenterUser", "SAMLUser", "WebIdentityUser", "Unknown"}) {
            CloudTrailRecord r = parse(EVENT.replace("\"AWSService\"", "\"" + type + "\"")).only();
            assertThat(r.userIdentity().type()).isEqualTo(type);
        }
        CloudTrailRecord none = parse(EVENT.replaceFirst("\"userIdentity\":\\{[^}]*\\},", "")).only();
        assertThat(none.userIdentity()).isNull();
        assertThat(none.key()).isEqualTo("123456789012/-");
    }

    @Test
    void largeJsonMembersAreCappedWithAMarker() {
        String big = "x".repeat(500);
        CloudTrailRecord r = parse(EVENT.replace("\"roleArn\":", "\"big\":\"" + big + "\",\"roleArn\":")).only();
        assertThat(r.requestParameters().path("vigilTruncated").asBoolean()).isTrue();
        assertThat(r.requestParameters().path("originalSizeBytes").asLong()).isGreaterThan(500);
    }

    @Test
    void badEventsAreRejectedByIndex() {
        Collected<CloudTrailRecord> c = parse("[" + EVENT + "," + EVENT.replace("2024-10-08T10:15:32Z", "...") + ","
                + EVENT.replace("\"123456789012\"", "\"12345\"") + ",{\"foo\":1}," + EVENT + "]");
        assertThat(c.records).hasSize(2);
        assertThat(c.errors).extracting(LineError::index).containsExactly(1L, 2L, 3L);
        assertThat(c.errors.get(0).reason()).startsWith("eventTime: '...'");
        assertThat(c.errors.get(1).reason()).startsWith("recipientAccountId: '12345'");
        assertThat(c.errors.get(2).reason()).startsWith("not a CloudTrail event");
    }

    @Test
    void brokenJsonAfterGoodEventsKeepsThemAndReportsWhere() {
        Collected<CloudTrailRecord> c = parse("[" + EVENT + ", {\"eventTime\": ]");
        assertThat(c.outcome.recognised()).isTrue();
        assertThat(c.records).hasSize(1);
        assertThat(c.errors).singleElement().satisfies(e -> {
            assertThat(e.index()).isEqualTo(1L);
            assertThat(e.reason()).startsWith("invalid JSON at line 1").endsWith("the rest of the body was not read");
        });
    }

    @Test
    void nonCloudTrailBodiesAreNotRecognised() {
        assertThat(parse("2 123456789010 eni-1 - - - - - - - 1 2 - NODATA").outcome.recognised()).isFalse();
        assertThat(parse("{\"query_name\":\"a.\"}").outcome.recognised()).isFalse();
        assertThat(parse("").outcome.recognised()).isFalse();
    }
}
