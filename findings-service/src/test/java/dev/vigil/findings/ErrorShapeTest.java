package dev.vigil.findings;

import static io.restassured.RestAssured.given;

import dev.vigil.web.contract.ErrorShapeContract;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * findings-service answers in the shared error shape and refuses an identity without an account with 403, like every
 * GuardDuty-shaped service ({@link ErrorShapeContract}). Real HTTP layer and PostgreSQL test database; identities from
 * {@code @TestSecurity}.
 */
@QuarkusTest
class ErrorShapeTest extends ErrorShapeContract {

    private static final String DETECTOR = "0123456789abcdef0123456789abcdef";

    @Override
    protected Response invalidRequest() {
        return given().contentType("application/json").body("{\"maxResults\":0}").post("/detector/" + DETECTOR + "/findings");
    }

    @Override
    protected Response tenantRequest() {
        return given().contentType("application/json").body("{}").post("/detector/" + DETECTOR + "/findings");
    }
}
