package dev.vigil.accounts;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Input hardening of the accounts API over HTTP (real application, real PostgreSQL test database): JSON depth and
 * size limits, strict ID formats in paths and bodies, list limits, and error bodies in GuardDuty's shape without Java
 * class names or stack traces.
 */
@QuarkusTest
class InputLimitsTest {

    static final String ADMIN = "111111111111";

    @BeforeEach
    void clean() {
        TestDb.clean();
    }

    /** Asserts GuardDuty's error shape and that nothing in the body betrays the implementation. */
    static String error(Response r, int status, String type) {
        r.then().statusCode(status).header("x-amzn-ErrorType", type).body("__type", equalTo(type));
        String body = r.asString();
        assertThat(body).doesNotContain("java.", "jackson", "Exception:", "\tat ", "StreamReadConstraints", "`",
                "dev.vigil");
        return r.jsonPath().getString("message");
    }

    static String detector() {
        return given().contentType(ContentType.JSON).body("{\"enable\":true}").post("/detector").then().statusCode(200)
                .extract().path("detectorId");
    }

    @Test
    @TestSecurity(user = "admin-111", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = ADMIN))
    void deeplyNestedJsonIsAClear400() {
        // the edge's check of every member (RequestInput) reads the document first and stops at the depth limit
        assertThat(error(given().contentType(ContentType.JSON).body("[".repeat(10_000)).post("/detector"), 400,
                "BadRequestException")).startsWith("The request body is not valid: Document nesting depth (65)");
        // dataSources is free-form JSON: the parser stops at the depth limit
        String deep = "{\"enable\":true,\"dataSources\":" + "[".repeat(10_000);
        assertThat(error(given().contentType(ContentType.JSON).body(deep).post("/detector"), 400, "BadRequestException"))
                .contains("nesting depth (65) exceeds the maximum allowed (64)");
        String deepObject = "{\"enable\":true,\"dataSources\":" + "{\"a\":".repeat(100) + "1" + "}".repeat(101);
        assertThat(error(given().contentType(ContentType.JSON).body(deepObject).post("/detector"), 400,
                "BadRequestException")).contains("nesting depth");
    }

    @Test
    @TestSecurity(user = "admin-111", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = ADMIN))
    void wrongTypesAndLongNumbersNameTheMemberNotTheJavaType() {
        assertThat(error(given().contentType(ContentType.JSON).body("{\"enable\":{\"x\":1}}").post("/detector"), 400,
                "BadRequestException")).contains("'enable'");
        String d = detector();
        assertThat(error(given().contentType(ContentType.JSON).body("{\"accountIds\":[\"" + "1".repeat(200) + "\"]}")
                .post("/detector/" + d + "/member/get"), 400, "BadRequestException")).contains("12-digit");
        error(given().contentType(ContentType.JSON).body("{\"maxResults\":" + "9".repeat(200) + "}")
                .post("/detector/" + d + "/usage/statistics"), 400, "BadRequestException");
    }

    @Test
    @TestSecurity(user = "admin-111", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = ADMIN))
    void aJsonDocumentOverOneMebibyteIs413() {
        String big = "{\"enable\":true,\"tags\":{\"a\":\"" + "x".repeat(1_100_000) + "\"}}";
        error(given().contentType(ContentType.JSON).body(big).post("/detector"), 413, "PayloadTooLargeException");
    }

    @Test
    @TestSecurity(user = "admin-111", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = ADMIN))
    void malformedIdsInPathsAndBodiesAre400() {
        String d = detector();
        for (String bad : List.of(d.toUpperCase(), d.substring(1), d + "0", "not-a-detector", "%2e%2e")) {
            assertThat(error(given().get("/detector/" + bad), 400, "BadRequestException")).as(bad)
                    .contains("detectorId is not 32 lowercase hexadecimal characters");
        }
        assertThat(error(given().get("/detector/" + d + "/ipset/" + "x".repeat(32)), 400, "BadRequestException"))
                .contains("ipSetId");
        assertThat(error(given().get("/eu-west-1/detector/" + "Z".repeat(32)), 400, "BadRequestException"))
                .contains("detectorId");
        error(given().contentType(ContentType.JSON).body("{\"accountIds\":[\"11111111111\"]}")
                .post("/detector/" + d + "/member/delete"), 400, "BadRequestException");
        error(given().contentType(ContentType.JSON).body("{\"administratorId\":\"222222222222\",\"invitationId\":\"x\"}")
                .post("/detector/" + d + "/administrator"), 400, "BadRequestException");
        // the well-formed case still works
        given().get("/detector/" + d).then().statusCode(200);
    }

    @Test
    @TestSecurity(user = "admin-111", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = ADMIN))
    void listsAreLimitedTo50AsInGuardDuty() {
        String d = detector();
        String ids = String.join(",", Collections.nCopies(51, "\"222222222222\""));
        error(given().contentType(ContentType.JSON).body("{\"accountIds\":[" + ids + "]}")
                .post("/detector/" + d + "/member/get"), 400, "BadRequestException");
        error(given().contentType(ContentType.JSON).body("{\"usageStatisticsType\":\"SUM_BY_ACCOUNT\","
                + "\"usageCriteria\":{\"accountIds\":[" + ids + "]}}").post("/detector/" + d + "/usage/statistics"),
                400, "BadRequestException");
    }

    @Test
    void withoutATokenAMalformedIdIsStill401() {
        given().get("/detector/not-a-detector").then().statusCode(401);
    }

    @Test
    @TestSecurity(user = "ingest-111", roles = "ingest")
    @OidcSecurity(claims = @Claim(key = "account_id", value = ADMIN))
    void withAnotherRoleAMalformedIdIsStill403() {
        given().get("/detector/not-a-detector").then().statusCode(403);
    }
}
