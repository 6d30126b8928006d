package dev.vigil.accounts;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * GuardDuty operations without an input body, called the way curl or a hand-written client does: POST without a body
 * and without a Content-Type. The caller must get the security answer (401/403) or the operation's answer, never a
 * 415 (found by the end-to-end authorization matrix, AuthorizationMatrixIT); an anonymous request gets 401 whatever
 * its Content-Type. Real HTTP layer and security checks; identities from {@code @TestSecurity}.
 */
@QuarkusTest
class BodylessCallsTest {

    /** A detector ID that nobody owns. */
    static final String NOBODYS = "0123456789abcdef0123456789abcdef";

    @ParameterizedTest
    @ValueSource(strings = {"administrator", "master"})
    void withoutATokenTheAnswerIs401(String path) {
        given().post("/detector/" + NOBODYS + "/" + path + "/disassociate").then().statusCode(401);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/xml"})
    void withoutATokenAnUnsupportedContentTypeIsStill401(String contentType) {
        given().contentType(contentType).body("x").post("/detector").then().statusCode(401);
        given().contentType(contentType).body("x").post("/detector/" + NOBODYS + "/member").then().statusCode(401);
        given().post("/eu-west-1/detector/" + NOBODYS + "/administrator/disassociate").then().statusCode(401);
    }

    @ParameterizedTest
    @ValueSource(strings = {"administrator", "master"})
    @TestSecurity(user = "analyst-111", roles = "analyst")
    @OidcSecurity(claims = @Claim(key = "account_id", value = "111111111111"))
    void anAnalystGets403(String path) {
        given().post("/detector/" + NOBODYS + "/" + path + "/disassociate").then().statusCode(403)
                .body("__type", equalTo("AccessDeniedException"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"administrator", "master"})
    @TestSecurity(user = "admin-333", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = "333333333333"))
    void anAdministratorReachesTheOperation(String path) {
        given().post("/detector/" + NOBODYS + "/" + path + "/disassociate").then().statusCode(400)
                .body("message", equalTo("The request is rejected because the input detectorId is not owned by the current account."));
    }
}
