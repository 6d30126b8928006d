package dev.vigil.accounts;

import static io.restassured.RestAssured.given;

import dev.vigil.web.contract.ErrorShapeContract;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * accounts-service answers in the shared error shape and refuses an identity without an account with 403, like every
 * GuardDuty-shaped service ({@link ErrorShapeContract}). Real HTTP layer and PostgreSQL test database; identities from
 * {@code @TestSecurity}.
 */
@QuarkusTest
class ErrorShapeTest extends ErrorShapeContract {

    @Override
    protected Response invalidRequest() {
        return given().contentType(ContentType.JSON).body("{\"enable\":true,\"findingPublishingFrequency\":\"NOPE\"}")
                .post("/detector");
    }

    @Override
    protected Response tenantRequest() {
        return given().get("/detector");
    }
}
