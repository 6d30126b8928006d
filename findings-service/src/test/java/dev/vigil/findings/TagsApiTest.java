package dev.vigil.findings;

import static dev.vigil.findings.TestData.A111;
import static dev.vigil.findings.TestData.A333;
import static dev.vigil.findings.TestData.DET111;
import static dev.vigil.findings.TestData.DET333;
import static dev.vigil.findings.TestData.accounts;
import static dev.vigil.findings.TestData.client;
import static dev.vigil.web.contract.TagCalls.badRequest;
import static dev.vigil.web.contract.TagCalls.encoded;
import static dev.vigil.web.contract.TagCalls.list;
import static dev.vigil.web.contract.TagCalls.notFound;
import static dev.vigil.web.contract.TagCalls.tag;
import static dev.vigil.web.contract.TagCalls.tagConcurrently;
import static dev.vigil.web.contract.TagCalls.untag;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.equalTo;

import dev.vigil.findings.repository.Db;
import dev.vigil.web.tags.ResourceArn;
import dev.vigil.web.tags.Tags;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.guardduty.GuardDutyClient;
import software.amazon.awssdk.services.guardduty.model.BadRequestException;

/**
 * TagResource, UntagResource and ListTagsForResource on findings-service's resources (filters, publishing
 * destinations) over HTTP with the ARN percent-encoded and plain, and through the AWS SDK for Java v2: tags given at
 * creation are the ones listed and changed, GuardDuty's tag rules, another tenant's ARN answered exactly like a
 * missing resource and a malformed ARN, roles. Real: PostgreSQL, the detectors from an AccountState sent through the
 * in-memory connector; identities from {@code @TestSecurity}.
 */
@QuarkusTest
class TagsApiTest {

    @TestHTTPResource("/")
    URL root;

    @Inject
    @Any
    InMemoryConnector connector;

    @Inject
    Db db;

    @BeforeEach
    void setUp() {
        accounts(connector);
        GuardDutyClient gd = client(root, "");
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> gd.listFilters(r -> r.detectorId(DET333)) != null);
    }

    static String filter(String tags) {
        String name = "tags-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON).body("{\"name\":\"" + name + "\",\"findingCriteria\":{\"criterion\":{\"severity\":"
                + "{\"gte\":9}}}" + tags + "}").post("/detector/" + DET333 + "/filter").then().statusCode(200);
        return name;
    }

    static ResourceArn filterArn(String account, String detector, String name) {
        return ResourceArn.of("us-east-1", account, detector, ResourceArn.Type.FILTER, name);
    }

    @Test
    @TestSecurity(user = "admin-333", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = A333))
    void aFiltersTagsAreCreatedListedAddedAndRemoved() {
        String name = filter(",\"tags\":{\"team\":\"sec\"}");
        ResourceArn arn = filterArn(A333, DET333, name);
        list(arn).statusCode(200).body("tags", equalTo(Map.of("team", "sec")));
        tag(arn, "{\"tags\":{\"env\":\"prod\",\"team\":\"soc\"}}").statusCode(204);
        given().get("/detector/" + DET333 + "/filter/" + name).then().statusCode(200)
                .body("tags", equalTo(Map.of("team", "soc", "env", "prod")));
        untag(arn, "?tagKeys=team").statusCode(204);
        given().get("/tags/" + arn).then().statusCode(200).body("tags", equalTo(Map.of("env", "prod")));
        given().urlEncodingEnabled(false).get("/us-east-1/tags/" + encoded(arn)).then().statusCode(200)
                .body("tags.env", equalTo("prod"));
        untag(arn, "?tagKeys=env").statusCode(204);
        list(arn).statusCode(200).body("tags", anEmptyMap());
        // a filter created without tags has none
        list(filterArn(A333, DET333, filter(""))).statusCode(200).body("tags", anEmptyMap());
    }

    @Test
    @TestSecurity(user = "admin-333", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = A333))
    void aPublishingDestinationsTagsAreCreatedListedAddedAndRemoved() {
        String id = given().contentType(ContentType.JSON).body("{\"destinationType\":\"S3\",\"destinationProperties\":"
                + "{\"destinationArn\":\"arn:aws:s3:::vigil-tags\"},\"tags\":{\"team\":\"sec\"}}")
                .post("/detector/" + DET333 + "/publishingDestination").then().statusCode(200).extract().path("destinationId");
        try {
            ResourceArn arn = ResourceArn.of("us-east-1", A333, DET333, ResourceArn.Type.PUBLISHING_DESTINATION, id);
            list(arn).statusCode(200).body("tags", equalTo(Map.of("team", "sec")));
            tag(arn, "{\"tags\":{\"env\":\"prod\"}}").statusCode(204);
            given().get("/detector/" + DET333 + "/publishingDestination/" + id).then().statusCode(200)
                    .body("tags", equalTo(Map.of("team", "sec", "env", "prod")));
            untag(arn, "?tagKeys=team&tagKeys=env").statusCode(204);
            list(arn).statusCode(200).body("tags", anEmptyMap());
        } finally {
            given().delete("/detector/" + DET333 + "/publishingDestination/" + id).then().statusCode(200);
        }
    }

    @Test
    @TestSecurity(user = "admin-333", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = A333))
    void anotherTenantsArnIsAnsweredExactlyLikeAMissingResourceOrAMalformedArn() {
        String theirs = "tags-" + UUID.randomUUID().toString().substring(0, 8);
        db.tx(c -> Db.update(c, "insert into finding_filter (account_id, region, name, action, rank, criteria, tags, "
                + "created_at, updated_at) values (?, 'us-east-1', ?, 'NOOP', 1, '{}'::jsonb, '{\"secret\":\"x\"}'::jsonb, "
                + "now(), now())", A111, theirs));
        String mine = filter("");
        List<Object> arns = List.of(
                filterArn(A111, DET111, theirs),                 // another tenant's, its own account
                filterArn(A333, DET111, theirs),                 // another tenant's detector, claimed as mine
                filterArn(A333, DET333, theirs),                 // another tenant's filter name, under my detector
                filterArn(A111, DET333, mine),                   // mine, under another account
                ResourceArn.of("eu-west-1", A333, DET333, ResourceArn.Type.FILTER, mine), // mine, another region
                filterArn(A333, DET333, "missing-filter"),       // missing
                ResourceArn.of("us-east-1", A333, DET333, ResourceArn.Type.PUBLISHING_DESTINATION,
                        "0123456789abcdef0123456789abcdef"),     // missing destination
                ResourceArn.detector("us-east-1", A333, DET333), // accounts-service's resource
                ResourceArn.of("us-east-1", A333, DET333, ResourceArn.Type.IPSET, "0123456789abcdef0123456789abcdef"),
                "arn:aws:guardduty:us-east-1:" + A333 + ":detector/" + DET333 + "/filter/x", // malformed (name too short)
                "not-an-arn");
        for (Object arn : arns) {
            notFound(list(arn));
            notFound(tag(arn, "{\"tags\":{\"k\":\"v\"}}"));
            notFound(untag(arn, "?tagKeys=secret"));
        }
        String stored = db.tx(c -> {
            try (var ps = c.prepareStatement("select tags::text from finding_filter where account_id = ? and name = ?")) {
                ps.setString(1, A111);
                ps.setString(2, theirs);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
        assertThat(stored).isEqualTo("{\"secret\": \"x\"}");
    }

    @Test
    @TestSecurity(user = "admin-333", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = A333))
    void tagRulesAreGuardDutysAndNameTheMemberAtFault() {
        ResourceArn arn = filterArn(A333, DET333, filter(""));
        badRequest(tag(arn, "{\"tags\":{}}"), "tags is required");
        badRequest(tag(arn, "{\"tags\":{\"aws:x\":\"v\"}}"), "tag key 'aws:x' in tags starts with aws:");
        badRequest(tag(arn, "{\"tags\":{\"k\":\"" + "v".repeat(257) + "\"}}"), "value of tag 'k' in tags is longer than 256");
        badRequest(untag(arn, ""), "tagKeys is required");
        badRequest(given().contentType(ContentType.JSON).body("{\"name\":\"bad-tags\",\"findingCriteria\":{\"criterion\":"
                + "{\"severity\":{\"gte\":9}}},\"tags\":{\"a b\":\"v\"}}").post("/detector/" + DET333 + "/filter").then(),
                "tag key 'a b' in tags does not match the pattern");
        badRequest(given().contentType(ContentType.JSON).body("{\"name\":\"bad-tags\",\"findingCriteria\":{\"criterion\":"
                + "{\"severity\":{\"gte\":9}}},\"tags\":{\"n\":1}}").post("/detector/" + DET333 + "/filter").then(),
                "the value of tag 'n' in tags is not a string");
    }

    @Test
    @TestSecurity(user = "analyst-333", roles = "analyst")
    @OidcSecurity(claims = @Claim(key = "account_id", value = A333))
    void anAnalystListsAFiltersTagsButCannotChangeThemNorReadADestinations() {
        String name = "tags-" + UUID.randomUUID().toString().substring(0, 8);
        db.tx(c -> Db.update(c, "insert into finding_filter (account_id, region, name, action, rank, criteria, tags, "
                + "created_at, updated_at) values (?, 'us-east-1', ?, 'NOOP', 1, '{}'::jsonb, '{\"team\":\"sec\"}'::jsonb, "
                + "now(), now())", A333, name));
        ResourceArn arn = filterArn(A333, DET333, name);
        list(arn).statusCode(200).body("tags", equalTo(Map.of("team", "sec")));
        tag(arn, "{\"tags\":{\"k\":\"v\"}}").statusCode(403).body("__type", equalTo("AccessDeniedException"));
        untag(arn, "?tagKeys=team").statusCode(403).body("__type", equalTo("AccessDeniedException"));
        list(ResourceArn.of("us-east-1", A333, DET333, ResourceArn.Type.PUBLISHING_DESTINATION,
                "0123456789abcdef0123456789abcdef")).statusCode(403).body("__type", equalTo("AccessDeniedException"));
        list(arn).statusCode(200).body("tags", equalTo(Map.of("team", "sec")));
    }

    @Test
    @TestSecurity(user = "admin-333", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = A333))
    void theJavaSdkTagsListsAndUntagsAFilter() {
        GuardDutyClient gd = client(root, "");
        String name = "tags-" + UUID.randomUUID().toString().substring(0, 8);
        gd.createFilter(r -> r.detectorId(DET333).name(name).tags(Map.of("env", "test")).findingCriteria(c -> c.criterion(
                Map.of("severity", software.amazon.awssdk.services.guardduty.model.Condition.builder().gte(9).build()))));
        String arn = filterArn(A333, DET333, name).toString();
        gd.tagResource(r -> r.resourceArn(arn).tags(Map.of("team", "sec")));
        assertThat(gd.listTagsForResource(r -> r.resourceArn(arn)).tags())
                .containsExactlyInAnyOrderEntriesOf(Map.of("env", "test", "team", "sec"));
        gd.untagResource(r -> r.resourceArn(arn).tagKeys("env"));
        assertThat(gd.getFilter(r -> r.detectorId(DET333).filterName(name)).tags()).containsExactlyEntriesOf(Map.of("team", "sec"));
        BadRequestException e = (BadRequestException) org.assertj.core.api.Assertions.catchThrowable(
                () -> gd.listTagsForResource(r -> r.resourceArn(arn.replace(A333, A111))));
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(Tags.RESOURCE_NOT_FOUND);
    }

    @Test
    @TestSecurity(user = "admin-333", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = A333))
    void concurrentTagResourceCallsLoseNoTag() throws Exception {
        ResourceArn arn = filterArn(A333, DET333, filter(""));
        tagConcurrently(arn, 12);
    }
}
