package dev.vigil.accounts;

import static dev.vigil.web.contract.TagCalls.badRequest;
import static dev.vigil.web.contract.TagCalls.encoded;
import static dev.vigil.web.contract.TagCalls.list;
import static dev.vigil.web.contract.TagCalls.notFound;
import static dev.vigil.web.contract.TagCalls.tag;
import static dev.vigil.web.contract.TagCalls.tagConcurrently;
import static dev.vigil.web.contract.TagCalls.untag;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.equalTo;

import dev.vigil.web.tags.ResourceArn;
import dev.vigil.web.tags.Tags;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.guardduty.GuardDutyClient;
import software.amazon.awssdk.services.guardduty.model.BadRequestException;

/**
 * TagResource, UntagResource and ListTagsForResource on accounts-service's resources (detectors, IPSets,
 * ThreatIntelSets, entity sets) over HTTP with the ARN percent-encoded (as the AWS CLI and SDKs send it) and plain,
 * and through the AWS SDK for Java v2: tags given at creation are the ones listed and changed, GuardDuty's tag rules,
 * another tenant's ARN answered exactly like a missing resource and a malformed ARN, roles. Real: PostgreSQL;
 * identities from {@code @TestSecurity}.
 */
@QuarkusTest
class TagsApiTest {

    static final String A = "111111111111";
    static final String OTHER = "333333333333";
    static final String MISSING = "0123456789abcdef0123456789abcdef";

    @TestHTTPResource("/")
    URI base;

    @BeforeEach
    void clean() {
        TestDb.clean();
    }

    static String detector(String tags) {
        return given().contentType(ContentType.JSON).body("{\"enable\":true" + tags + "}").post("/detector").then()
                .statusCode(200).extract().path("detectorId");
    }

    @Test
    @TestSecurity(user = "admin-111", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = A))
    void aDetectorsTagsAreCreatedListedAddedAndRemoved() {
        String id = detector(",\"tags\":{\"team\":\"sec\",\"env\":\"prod\"}");
        ResourceArn arn = ResourceArn.detector("us-east-1", A, id);
        list(arn).statusCode(200).body("tags", equalTo(Map.of("team", "sec", "env", "prod")));
        tag(arn, "{\"tags\":{\"env\":\"test\",\"cost-center\":\"42\"}}").statusCode(204);
        given().get("/detector/" + id).then().statusCode(200)
                .body("tags", equalTo(Map.of("team", "sec", "env", "test", "cost-center", "42")));
        untag(arn, "?tagKeys=team&tagKeys=cost-center&tagKeys=absent").statusCode(204);
        list(arn).statusCode(200).body("tags", equalTo(Map.of("env", "test")));
        // the plain ARN (':' and '/' unencoded) and a region-prefixed path address the same resource
        given().get("/tags/" + arn).then().statusCode(200).body("tags.env", equalTo("test"));
        given().urlEncodingEnabled(false).get("/us-east-1/tags/" + encoded(arn)).then().statusCode(200)
                .body("tags.env", equalTo("test"));
        untag(arn, "?tagKeys=env").statusCode(204);
        list(arn).statusCode(200).body("tags", anEmptyMap());
    }

    @Test
    @TestSecurity(user = "admin-111", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = A))
    void listsAndEntitySetsAreTaggedThroughTheirArns() {
        String det = detector("");
        String location = ",\"format\":\"TXT\",\"location\":\"vigil://upload/x\",\"activate\":false,\"tags\":{\"src\":\"feed\"}}";
        Map<String, String> created = Map.of(
                "ipset", given().contentType(ContentType.JSON).body("{\"name\":\"a\"" + location)
                        .post("/detector/" + det + "/ipset").then().statusCode(200).extract().path("ipSetId"),
                "threatintelset", given().contentType(ContentType.JSON).body("{\"name\":\"b\"" + location)
                        .post("/detector/" + det + "/threatintelset").then().statusCode(200).extract().path("threatIntelSetId"),
                "threatentityset", given().contentType(ContentType.JSON).body("{\"name\":\"c\"" + location)
                        .post("/detector/" + det + "/threatentityset").then().statusCode(200).extract().path("threatEntitySetId"),
                "trustedentityset", given().contentType(ContentType.JSON).body("{\"name\":\"d\"" + location)
                        .post("/detector/" + det + "/trustedentityset").then().statusCode(200).extract().path("trustedEntitySetId"));
        for (ResourceArn.Type type : List.of(ResourceArn.Type.IPSET, ResourceArn.Type.THREAT_INTEL_SET,
                ResourceArn.Type.THREAT_ENTITY_SET, ResourceArn.Type.TRUSTED_ENTITY_SET)) {
            String id = created.get(type.element());
            ResourceArn arn = ResourceArn.of("us-east-1", A, det, type, id);
            list(arn).statusCode(200).body("tags", equalTo(Map.of("src", "feed")));
            tag(arn, "{\"tags\":{\"owner\":\"" + type.element() + "\"}}").statusCode(204);
            given().get("/detector/" + det + "/" + type.element() + "/" + id).then().statusCode(200)
                    .body("tags", equalTo(Map.of("src", "feed", "owner", type.element())));
            // the same ID under another resource type, or under a detector that is not its own, names nothing
            ResourceArn wrongType = ResourceArn.of("us-east-1", A, det, type == ResourceArn.Type.IPSET
                    ? ResourceArn.Type.THREAT_INTEL_SET : ResourceArn.Type.IPSET, id);
            notFound(list(wrongType));
            notFound(list(ResourceArn.of("us-east-1", A, MISSING, type, id)));
        }
        // filters and publishing destinations are findings-service's: here they name nothing
        notFound(list(ResourceArn.of("us-east-1", A, det, ResourceArn.Type.FILTER, "my-filter")));
    }

    @Test
    @TestSecurity(user = "admin-111", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = A))
    void anotherTenantsArnIsAnsweredExactlyLikeAMissingResourceOrAMalformedArn() {
        String mine = detector("");
        TestDb.exec("insert into accounts.detector (detector_id, account_id, region, status, finding_publishing_frequency, "
                + "features, tags, created_at, updated_at) values ('" + MISSING.replace('0', 'f') + "', '" + OTHER
                + "', 'us-east-1', 'ENABLED', 'SIX_HOURS', '{}', '{\"secret\":\"x\"}', now(), now())");
        String theirs = MISSING.replace('0', 'f');
        List<String> arns = List.of(
                ResourceArn.detector("us-east-1", OTHER, theirs).toString(),   // another tenant's, its own account
                ResourceArn.detector("us-east-1", A, theirs).toString(),       // another tenant's, claimed as mine
                ResourceArn.detector("us-east-1", OTHER, mine).toString(),     // mine, under another account
                ResourceArn.detector("eu-west-1", A, mine).toString(),         // mine, another region
                ResourceArn.detector("us-east-1", A, MISSING).toString(),      // missing
                "arn:aws:guardduty:us-east-1:" + A + ":detector/xyz",            // malformed
                "not-an-arn");
        for (String arn : arns) {
            notFound(list(arn));
            notFound(tag(arn, "{\"tags\":{\"k\":\"v\"}}"));
            notFound(untag(arn, "?tagKeys=secret"));
        }
        assertThat(TestDb.texts("select tags from accounts.detector where account_id = '" + OTHER + "'"))
                .containsExactly("{\"secret\":\"x\"}");
    }

    @Test
    @TestSecurity(user = "admin-111", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = A))
    void tagRulesAreGuardDutysAndNameTheMemberAtFault() {
        String id = detector("");
        ResourceArn arn = ResourceArn.detector("us-east-1", A, id);
        badRequest(tag(arn, "{}"), "tags is required");
        badRequest(tag(arn, "{\"tags\":{}}"), "tags is required");
        badRequest(tag(arn, "{\"tags\":{\"aws:x\":\"v\"}}"), "tag key 'aws:x' in tags starts with aws:");
        badRequest(tag(arn, "{\"tags\":{\"a b\":\"v\"}}"), "tag key 'a b' in tags does not match the pattern");
        badRequest(tag(arn, "{\"tags\":{\"" + "k".repeat(129) + "\":\"v\"}}"), "longer than 128 characters");
        badRequest(tag(arn, "{\"tags\":{\"k\":\"" + "v".repeat(257) + "\"}}"), "value of tag 'k' in tags is longer than 256");
        badRequest(untag(arn, ""), "tagKeys is required");
        badRequest(untag(arn, "?tagKeys=aws%3Aname"), "'aws:name' in tagKeys starts with aws:");
        String fifty = IntStream.range(0, 50).mapToObj(i -> "\"k" + i + "\":\"v\"").collect(Collectors.joining(","));
        tag(arn, "{\"tags\":{" + fifty + "}}").statusCode(204);
        badRequest(tag(arn, "{\"tags\":{\"one-more\":\"v\"}}"), "the resource would have 51 tags");
        list(arn).statusCode(200).body("tags", aMapWithSize(50));
        // the Create operations take the same rules
        badRequest(given().contentType(ContentType.JSON).body("{\"name\":\"n\",\"format\":\"TXT\",\"location\":"
                + "\"vigil://upload/x\",\"activate\":false,\"tags\":{\"aws:k\":\"v\"}}").post("/detector/" + id + "/ipset").then(),
                "tag key 'aws:k' in tags starts with aws:");
        TestDb.clean();
        badRequest(given().contentType(ContentType.JSON).body("{\"enable\":true,\"tags\":{" + fifty + ",\"k50\":\"v\"}}")
                .post("/detector").then(), "tags has 51 tags: a resource may have at most 50");
        badRequest(given().contentType(ContentType.JSON).body("{\"enable\":true,\"tags\":{\"n\":1}}").post("/detector").then(),
                "the value of tag 'n' in tags is not a string");
    }

    @Test
    @TestSecurity(user = "analyst-111", roles = "analyst")
    @OidcSecurity(claims = @Claim(key = "account_id", value = A))
    void anAnalystListsTagsButCannotChangeThem() {
        TestDb.exec("insert into accounts.detector (detector_id, account_id, region, status, finding_publishing_frequency, "
                + "features, tags, created_at, updated_at) values ('" + MISSING + "', '" + A
                + "', 'us-east-1', 'ENABLED', 'SIX_HOURS', '{}', '{\"team\":\"sec\"}', now(), now())");
        ResourceArn arn = ResourceArn.detector("us-east-1", A, MISSING);
        list(arn).statusCode(200).body("tags.team", equalTo("sec"));
        tag(arn, "{\"tags\":{\"k\":\"v\"}}").statusCode(403).body("__type", equalTo("AccessDeniedException"));
        untag(arn, "?tagKeys=team").statusCode(403).body("__type", equalTo("AccessDeniedException"));
        list(arn).statusCode(200).body("tags", equalTo(Map.of("team", "sec")));
    }

    @Test
    void anAnonymousCallerIsRefused() {
        given().get("/tags/" + encoded(ResourceArn.detector("us-east-1", A, MISSING))).then().statusCode(401);
    }

    @Test
    @TestSecurity(user = "admin-111", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = A))
    void theJavaSdkTagsListsAndUntags() {
        GuardDutyClient gd = SdkClients.guardDuty(base, "");
        String id = gd.createDetector(r -> r.enable(true).tags(Map.of("env", "test"))).detectorId();
        String arn = ResourceArn.detector("us-east-1", A, id).toString();
        gd.tagResource(r -> r.resourceArn(arn).tags(Map.of("team", "sec")));
        assertThat(gd.listTagsForResource(r -> r.resourceArn(arn)).tags()).containsExactlyInAnyOrderEntriesOf(
                Map.of("env", "test", "team", "sec"));
        gd.untagResource(r -> r.resourceArn(arn).tagKeys("env"));
        assertThat(gd.getDetector(r -> r.detectorId(id)).tags()).containsExactlyEntriesOf(Map.of("team", "sec"));
        BadRequestException e = (BadRequestException) org.assertj.core.api.Assertions.catchThrowable(
                () -> gd.listTagsForResource(r -> r.resourceArn(arn.replace(A, OTHER))));
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(Tags.RESOURCE_NOT_FOUND);
    }

    @Test
    @TestSecurity(user = "admin-111", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = A))
    void concurrentTagResourceCallsLoseNoTag() throws Exception {
        ResourceArn arn = ResourceArn.detector("us-east-1", A, detector(""));
        tagConcurrently(arn, 12);
    }
}
