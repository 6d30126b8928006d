package dev.vigil.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.vigil.web.ErrorMappers;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A replica that has not read the account-state topic to its end (here: the channel on the real Kafka connector and no
 * broker, so it never can) refuses submissions with 503 and {@code Retry-After} instead of judging them by an empty
 * directory (which would refuse every record with a 200 and lose it), and is not ready.
 */
@QuarkusTest
@TestProfile(AccountDirectoryCatchUpTest.StatesUnread.class)
class AccountDirectoryCatchUpTest {

    /** The account-state channel on the real Kafka connector, pointed at a closed port, with catch-up on. */
    public static class StatesUnread implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "mp.messaging.incoming.accounts-state-in.connector", "smallrye-kafka",
                    "kafka.bootstrap.servers", "127.0.0.1:1",
                    "vigil.ingest.account-directory.catch-up", "true");
        }
    }

    @Test
    @TestSecurity(user = "ingest-111", roles = "ingest")
    @OidcSecurity(claims = @Claim(key = "account_id", value = "111111111111"))
    void aSubmissionBeforeTheAccountStatesAreReadIsA503ToRetryNotA200ThatLosesIt() {
        given().body(IngestResourceTest.LINE_111).post("/ingest/v1/flow-logs").then().statusCode(503)
                .header(ErrorMappers.ERROR_TYPE_HEADER, "ServiceUnavailableException")
                .header("Retry-After", "5")
                .body("message", containsString("still reading the account states"));
        given().get("/q/health/ready").then().statusCode(503)
                .body("checks.name", hasItem("account-directory"))
                .body("checks.find { it.name == 'account-directory' }.status", equalTo("DOWN"));
    }
}
