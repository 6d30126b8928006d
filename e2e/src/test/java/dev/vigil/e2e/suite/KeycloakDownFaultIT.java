package dev.vigil.e2e.suite;

import static dev.vigil.e2e.DemoIdentities.ADMIN_111;
import static dev.vigil.e2e.suite.GuardDutyApi.ensureDetector;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restassured.http.ContentType;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 20, case 4: Keycloak killed with SIGKILL. Tokens issued before keep working (the services verify them with
 * the signing keys they cached), a new sign-in fails at Keycloak's token endpoint, nothing else breaks, and once
 * {@code ./vigil up} has started Keycloak again, new tokens work without restarting any service.
 */
class KeycloakDownFaultIT {

    @Test
    void issuedTokensKeepWorkingWhileKeycloakIsDownAndSignInsRecoverWithoutRestartingServices() throws Exception {
        String detector = ensureDetector(ADMIN_111);
        String token = Stack.token(ADMIN_111); // valid for at least two more minutes
        // each service has verified a token, so it holds Keycloak's signing keys (a service that never did, on a
        // stack just started, has none to verify with while Keycloak is down)
        List<String> services = List.of("accounts", "findings");
        services.forEach(service -> authorizedGet(service, token, detector));
        StackProcesses.kill("keycloak");
        try {
            services.forEach(service -> authorizedGet(service, token, detector));
            given().baseUri(Stack.url("findings")).auth().oauth2(token).contentType(ContentType.JSON)
                    .body("{\"findingCriteria\":{\"criterion\":{}}}").post("/detector/" + detector + "/findings")
                    .then().statusCode(200);
            given().baseUri(Stack.url("findings")).auth().oauth2(token + "x").get("/detector/" + detector + "/filter")
                    .then().statusCode(401);
            assertThatThrownBy(() -> given().baseUri(Stack.url("keycloak")).contentType(ContentType.URLENC)
                    .formParam("grant_type", "password").formParam("client_id", "vigil-cli")
                    .formParam("username", ADMIN_111).formParam("password", "x")
                    .post("/realms/vigil/protocol/openid-connect/token"))
                    .as("a new sign-in cannot reach Keycloak").isInstanceOf(java.net.ConnectException.class);
        } finally {
            StackProcesses.up();
        }
        String fresh = given().baseUri(Stack.url("keycloak")).contentType(ContentType.URLENC)
                .formParam("grant_type", "password").formParam("client_id", "vigil-cli")
                .formParam("username", ADMIN_111).formParam("password", dev.vigil.e2e.DemoIdentities.password())
                .post("/realms/vigil/protocol/openid-connect/token").then().statusCode(200).extract()
                .path("access_token");
        assertThat(fresh).isNotEqualTo(token);
        given().baseUri(Stack.url("accounts")).auth().oauth2(fresh).get("/detector").then().statusCode(200);
    }

    private static void authorizedGet(String service, String token, String detector) {
        given().baseUri(Stack.url(service)).auth().oauth2(token).contentType(ContentType.JSON)
                .get(service.equals("accounts") ? "/detector" : "/detector/" + detector + "/filter")
                .then().statusCode(200);
    }
}
