package dev.vigil.accounts;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.vigil.events.ThreatListState;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.guardduty.GuardDutyClient;
import software.amazon.awssdk.services.guardduty.model.BadRequestException;
import software.amazon.awssdk.services.guardduty.model.GetThreatEntitySetResponse;
import software.amazon.awssdk.services.guardduty.model.ThreatEntitySetFormat;
import software.amazon.awssdk.services.guardduty.model.ThreatEntitySetStatus;
import software.amazon.awssdk.services.guardduty.model.TrustedEntitySetFormat;
import software.amazon.awssdk.services.guardduty.model.TrustedEntitySetStatus;

/**
 * Threat and trusted entity sets (GuardDuty 2025) through the unmodified AWS SDK for Java v2 (2.36.2) and over HTTP:
 * the ten operations, content with IP addresses, CIDR blocks and domains (bad lines counted with their line number),
 * the per-kind limits (an IPSet does not use a trusted entity set's quota), domains published on the threat-lists
 * topic on the right side (threat or trusted), another tenant's set answered exactly as a missing one, the analyst
 * role read-only.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EntitySetApiTest {

    static final String A = "111111111111";
    static final String B = "222222222222";
    static String detectorA;
    static String detectorB;
    static String threatSet;
    static String trustedSet;

    @TestHTTPResource("/")
    URI base;

    @Inject
    @Any
    InMemoryConnector connector;

    @BeforeAll
    static void clean() {
        TestDb.clean();
    }

    GuardDutyClient gd() {
        return SdkClients.guardDuty(base, "");
    }

    ThreatListState lastLists(String account) {
        InMemorySink<ThreatListState> sink = connector.sink("threat-lists-out");
        List<ThreatListState> l = sink.received().stream().map(Message::getPayload).filter(s -> s.accountId().equals(account)).toList();
        assertThat(l).as("lists sent for " + account).isNotEmpty();
        return l.get(l.size() - 1);
    }

    static void upload(String path, String content) {
        given().contentType(ContentType.TEXT).body(content).put(path + "/content").then().statusCode(200);
    }

    @Test
    @Order(1)
    @TestSecurity(user = "admin-222", roles = {"admin"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = B))
    void otherTenantDetector() {
        detectorB = gd().createDetector(r -> r.enable(true)).detectorId();
    }

    @Test
    @Order(2)
    @TestSecurity(user = "admin-111", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = A))
    void threatEntitySetWithAddressesAndDomains() {
        GuardDutyClient gd = gd();
        detectorA = gd.createDetector(r -> r.enable(true)).detectorId();
        Instant before = Instant.now().minusSeconds(1);
        threatSet = gd.createThreatEntitySet(r -> r.detectorId(detectorA).name("c2-domains").format(ThreatEntitySetFormat.TXT)
                .location("vigil://upload/c2").activate(true).expectedBucketOwner(A)).threatEntitySetId();
        assertThat(gd.getThreatEntitySet(r -> r.detectorId(detectorA).threatEntitySetId(threatSet)).status())
                .isEqualTo(ThreatEntitySetStatus.ACTIVATING);

        upload("/detector/" + detectorA + "/threatentityset/" + threatSet,
                "# C2\nEvil.Example.\n*.bad.example\n203.0.113.7\n2001:db8::/32\nnot a domain!!\n");
        GetThreatEntitySetResponse t = gd.getThreatEntitySet(r -> r.detectorId(detectorA).threatEntitySetId(threatSet));
        assertThat(t.status()).isEqualTo(ThreatEntitySetStatus.ACTIVE);
        assertThat(t.name()).isEqualTo("c2-domains");
        assertThat(t.format()).isEqualTo(ThreatEntitySetFormat.TXT);
        assertThat(t.expectedBucketOwner()).isEqualTo(A);
        assertThat(t.createdAt()).isAfter(before);
        assertThat(t.updatedAt()).isAfterOrEqualTo(t.createdAt());
        given().get("/detector/" + detectorA + "/threatentityset/" + threatSet).then().statusCode(200)
                .body("vigilEntryCount", org.hamcrest.Matchers.equalTo(4))
                .body("vigilRejectedEntries[0]", org.hamcrest.Matchers.startsWith("line 6: 'not a domain!!'"));
        assertThat(gd.listThreatEntitySets(r -> r.detectorId(detectorA)).threatEntitySetIds()).containsExactly(threatSet);

        ThreatListState s = lastLists(A);
        assertThat(s.threats()).singleElement().satisfies(l -> {
            assertThat(l.listId()).isEqualTo(threatSet);
            assertThat(l.domains()).contains("evil.example");
            assertThat(l.cidrs()).contains("203.0.113.7");
        });
    }

    @Test
    @Order(3)
    @TestSecurity(user = "admin-111", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = A))
    void trustedEntitySetOnTheTrustedSideAndItsOwnLimit() {
        GuardDutyClient gd = gd();
        trustedSet = gd.createTrustedEntitySet(r -> r.detectorId(detectorA).name("partners").format(TrustedEntitySetFormat.TXT)
                .location("vigil://upload/partners").activate(true)).trustedEntitySetId();
        upload("/detector/" + detectorA + "/trustedentityset/" + trustedSet, "partner.example\n198.51.100.4\n");
        assertThat(gd.getTrustedEntitySet(r -> r.detectorId(detectorA).trustedEntitySetId(trustedSet)).status())
                .isEqualTo(TrustedEntitySetStatus.ACTIVE);
        assertThat(lastLists(A).trusted()).singleElement().satisfies(l -> {
            assertThat(l.domains()).containsExactly("partner.example");
            assertThat(l.cidrs()).containsExactly("198.51.100.4");
        });

        BadRequestException limit = catchThrowableOfType(BadRequestException.class, () -> gd.createTrustedEntitySet(r -> r
                .detectorId(detectorA).name("second").format(TrustedEntitySetFormat.TXT).location("vigil://upload/x").activate(true)));
        assertThat(limit.awsErrorDetails().errorMessage()).contains("limit of 1 TrustedEntitySets");
        // the IPSet quota is a separate one
        assertThat(gd.createIPSet(r -> r.detectorId(detectorA).name("offices").format("TXT").location("vigil://upload/o").activate(false))
                .ipSetId()).isNotBlank();
    }

    @Test
    @Order(4)
    @TestSecurity(user = "analyst-111", roles = {"analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = A))
    void analystReadsButCannotChange() {
        assertThat(gd().listTrustedEntitySets(r -> r.detectorId(detectorA)).trustedEntitySetIds()).containsExactly(trustedSet);
        given().contentType(ContentType.JSON).body("{\"name\":\"x\",\"format\":\"TXT\",\"location\":\"vigil://upload\",\"activate\":true}")
                .post("/detector/" + detectorA + "/threatentityset").then().statusCode(403);
        given().delete("/detector/" + detectorA + "/threatentityset/" + threatSet).then().statusCode(403);
    }

    @Test
    @Order(5)
    @TestSecurity(user = "admin-222", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = B))
    void anotherTenantsSetIsAnsweredAsAMissingOne() {
        String other = given().get("/detector/" + detectorB + "/threatentityset/" + threatSet).then().statusCode(400).extract().asString();
        String missing = given().get("/detector/" + detectorB + "/threatentityset/" + "0".repeat(32)).then().statusCode(400).extract().asString();
        assertThat(other).isEqualTo(missing).contains("threatEntitySetId");
        given().delete("/detector/" + detectorB + "/trustedentityset/" + trustedSet).then().statusCode(400);
        assertThat(gd().listThreatEntitySets(r -> r.detectorId(detectorB)).threatEntitySetIds()).isEmpty();
    }

    @Test
    @Order(6)
    @TestSecurity(user = "admin-111", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = A))
    void updateDeactivateAndDelete() {
        GuardDutyClient gd = gd();
        // a trusted set's ID is not a threat set's
        assertThat(catchThrowableOfType(BadRequestException.class,
                () -> gd.getThreatEntitySet(r -> r.detectorId(detectorA).threatEntitySetId(trustedSet))).statusCode()).isEqualTo(400);

        gd.updateThreatEntitySet(r -> r.detectorId(detectorA).threatEntitySetId(threatSet).name("c2-renamed").activate(false));
        GetThreatEntitySetResponse t = gd.getThreatEntitySet(r -> r.detectorId(detectorA).threatEntitySetId(threatSet));
        assertThat(t.name()).isEqualTo("c2-renamed");
        assertThat(t.status()).isEqualTo(ThreatEntitySetStatus.INACTIVE);
        assertThat(lastLists(A).threats()).isNullOrEmpty();

        gd.deleteTrustedEntitySet(r -> r.detectorId(detectorA).trustedEntitySetId(trustedSet));
        assertThat(gd.listTrustedEntitySets(r -> r.detectorId(detectorA)).trustedEntitySetIds()).isEmpty();
        assertThat(lastLists(A).trusted()).isNullOrEmpty();
        assertThat(catchThrowableOfType(BadRequestException.class,
                () -> gd.getTrustedEntitySet(r -> r.detectorId(detectorA).trustedEntitySetId(trustedSet))).statusCode()).isEqualTo(400);
    }
}
