package dev.vigil.e2e.suite;

import static dev.vigil.e2e.DemoIdentities.ADMIN_111;
import static dev.vigil.e2e.DemoIdentities.ADMIN_333;
import static dev.vigil.e2e.DemoIdentities.ANALYST_111;
import static dev.vigil.e2e.DemoIdentities.COLLECTOR;
import static dev.vigil.e2e.DemoIdentities.INGEST_111;
import static dev.vigil.e2e.suite.Stack.anonymous;
import static dev.vigil.e2e.suite.Stack.as;
import static dev.vigil.e2e.suite.Stack.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Authentication and role checks on the real stack: real Keycloak tokens, real services; nothing mocked.
 */
class AuthenticationIT {

    @ParameterizedTest
    @ValueSource(strings = {"accounts", "findings", "ingest", "detector"})
    void everyServiceIsReadyAndPublishesItsOperationalEndpoints(String service) {
        given().baseUri(Stack.url(service)).get("/q/health/ready").then().statusCode(200);
        given().baseUri(Stack.url(service)).get("/q/metrics").then().statusCode(200);
        given().baseUri(Stack.url(service)).get("/q/openapi").then().statusCode(200);
    }

    @Test
    void aDemoTokenIsAcceptedAndCarriesItsAccount() {
        as(ADMIN_111, "accounts").get("/detector").then().statusCode(200);
        String payload = new String(Base64.getUrlDecoder().decode(token(ADMIN_111).split("\\.")[1]),
                StandardCharsets.UTF_8);
        org.assertj.core.api.Assertions.assertThat(payload).contains("\"account_id\":\"111111111111\"")
                .contains("\"aud\":\"vigil-api\"");
    }

    @Test
    void missingMalformedAndForgedTokensAreRejected() {
        anonymous("accounts").get("/detector").then().statusCode(401);
        given().baseUri(Stack.url("accounts")).auth().oauth2("not-a-jwt").get("/detector").then().statusCode(401);
        // a real token whose payload was changed to another account: the signature no longer matches
        String[] parts = token(ADMIN_333).split("\\.");
        String forgedPayload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("333333333333", "111111111111");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(forgedPayload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        given().baseUri(Stack.url("accounts")).auth().oauth2(forged).get("/detector").then().statusCode(401);
        anonymous("findings").body("{}").post("/detector/0123456789abcdef0123456789abcdef/findings").then()
                .statusCode(401);
        anonymous("ingest").body("{}").post("/ingest/v1/cloudtrail").then().statusCode(401);
    }

    @Test
    void rolesLimitWhatATokenMayDo() {
        as(ANALYST_111, "accounts").body(Map.of("enable", true)).post("/detector").then().statusCode(403);
        as(INGEST_111, "accounts").get("/detector").then().statusCode(403);
        as(COLLECTOR, "findings").body("{}").post("/detector/0123456789abcdef0123456789abcdef/findings")
                .then().statusCode(403);
        as(ADMIN_111, "ingest").body("{\"Records\":[]}").post("/ingest/v1/cloudtrail").then().statusCode(403)
                .body(not(containsString("Exception:")));
    }

    /**
     * A real token without {@code account_id} (a test-only user holding every tenant role): every service answers the
     * same 403 AccessDeniedException in GuardDuty's error shape, after the role check let it through (issue 24;
     * accounts-service answered 401 before).
     */
    @Test
    void aTokenWithoutAnAccountIsAccessDeniedByEveryService() {
        TestRealms.createUserWithoutAccount();
        try {
            String token = TestRealms.userToken("vigil", "vigil-cli", TestRealms.NO_ACCOUNT_USER);
            assertThat(TestRealms.claims(token)).doesNotContainKey("account_id");
            List<Response> answers = List.of(
                    given().baseUri(Stack.url("accounts")).auth().oauth2(token).get("/detector"),
                    given().baseUri(Stack.url("findings")).auth().oauth2(token).contentType("application/json")
                            .body("{}").post("/detector/0123456789abcdef0123456789abcdef/findings"),
                    given().baseUri(Stack.url("ingest")).auth().oauth2(token).body("{\"Records\":[]}")
                            .post("/ingest/v1/cloudtrail"));
            for (Response r : answers) {
                r.then().statusCode(403).header("x-amzn-ErrorType", "AccessDeniedException")
                        .body("__type", equalTo("AccessDeniedException")).body("message", containsString("account_id"));
            }
        } finally {
            TestRealms.removeUserWithoutAccount();
        }
    }
}
