package dev.vigil.findings;

import static dev.vigil.findings.TestData.DET333;
import static dev.vigil.findings.TestData.A333;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.response.Response;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Input hardening of the findings API over HTTP (real application, real PostgreSQL test database): JSON depth and
 * body size limits, strict ID formats in paths and bodies, the 50-ID limit, and error bodies in GuardDuty's shape
 * without Java class names or stack traces.
 */
@QuarkusTest
class InputLimitsTest {

    @Inject
    @Any
    InMemoryConnector connector;

    @BeforeEach
    void setUp() {
        TestData.accounts(connector);
    }

    /** Asserts GuardDuty's error shape and that nothing in the body betrays the implementation; the message. */
    static String error(Response r, int status, String type) {
        r.then().statusCode(status).header("x-amzn-ErrorType", type).body("__type", equalTo(type));
        assertThat(r.asString()).doesNotContain("java.", "jackson", "Exception:", "\tat ", "StreamReadConstraints",
                "`", "dev.vigil");
        return r.jsonPath().getString("message");
    }

    static Response post(String path, String body) {
        return given().contentType("application/json").body(body).post(path);
    }

    @Test
    @TestSecurity(user = "admin-333", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = A333))
    void deeplyNestedJsonIsAClear400() {
        assertThat(error(post("/detector/" + DET333 + "/findings", "[".repeat(10_000)), 400, "BadRequestException"))
                .contains("nesting depth (65) exceeds the maximum allowed (64)");
        String deepCriteria = "{\"findingCriteria\":{\"criterion\":" + "{\"a\":".repeat(80) + "1" + "}".repeat(82);
        assertThat(error(post("/detector/" + DET333 + "/filter", deepCriteria), 400, "BadRequestException"))
                .contains("nesting depth");
        assertThat(error(post("/detector/" + DET333 + "/findings", "{\"maxResults\":" + "9".repeat(500) + "}"), 400,
                "BadRequestException")).contains("Number value length");
    }

    @Test
    @TestSecurity(user = "admin-333", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = A333))
    void aBodyOverTheHttpLimitIs413() {
        String big = "{\"findingIds\":[\"" + "a".repeat(2 * 1024 * 1024) + "\"]}";
        Response r = post("/detector/" + DET333 + "/findings/get", big);
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.asString()).doesNotContain("java.", "Exception:");
    }

    @Test
    @TestSecurity(user = "admin-333", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = A333))
    void malformedIdsInPathsAndBodiesAre400() {
        for (String bad : List.of(DET333.toUpperCase(), DET333.substring(1), "doesnotexist", "%27%20or%201%3D1")) {
            assertThat(error(post("/detector/" + bad + "/findings", "{}"), 400, "BadRequestException")).as(bad)
                    .contains("detectorId is not 32 lowercase hexadecimal characters");
        }
        assertThat(error(given().get("/detector/" + DET333 + "/findings/" + "x".repeat(32) + "/asff"), 400,
                "BadRequestException")).contains("findingId");
        for (String path : List.of("/findings/get", "/findings/archive", "/findings/unarchive")) {
            assertThat(error(post("/detector/" + DET333 + path, "{\"findingIds\":[\"not-an-id\"]}"), 400,
                    "BadRequestException")).as(path).contains("findingIds contains a value that is not 32");
        }
        // the well-formed case still works
        post("/detector/" + DET333 + "/findings/get", "{\"findingIds\":[\"" + "0".repeat(32) + "\"]}").then()
                .statusCode(200).body("findings.size()", equalTo(0));
    }

    @Test
    @TestSecurity(user = "admin-333", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = A333))
    void atMost50FindingIdsAsInGuardDuty() {
        String ids = String.join(",", Collections.nCopies(51, "\"" + "0".repeat(31) + "1\""));
        // duplicates count: GuardDuty's limit is on the list as sent
        error(post("/detector/" + DET333 + "/findings/get", "{\"findingIds\":[" + ids + "]}"), 400,
                "BadRequestException");
    }

    @Test
    @TestSecurity(user = "ingest-333", roles = "ingest")
    @OidcSecurity(claims = @Claim(key = "account_id", value = A333))
    void withAnotherRoleAMalformedIdIsStill403() {
        given().contentType("application/json").body("{}").post("/detector/doesnotexist/findings").then()
                .statusCode(403);
    }

    @Test
    void withoutATokenAMalformedIdIsStill401() {
        given().contentType("application/json").body("{}").post("/detector/doesnotexist/findings").then()
                .statusCode(401);
    }
}
