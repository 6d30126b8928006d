package dev.vigil.ingest;

import static io.restassured.RestAssured.given;

import dev.vigil.web.contract.ErrorShapeContract;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * ingest-service answers in the shared error shape and refuses an identity without an account with 403, like every
 * GuardDuty-shaped service ({@link ErrorShapeContract}). Real HTTP layer; identities from {@code @TestSecurity};
 * Kafka channels in memory.
 */
@QuarkusTest
class ErrorShapeTest extends ErrorShapeContract {

    @Override
    protected Response invalidRequest() {
        return given().body("x").post("/ingest/v1/flow-logs?region=Not_A_Region");
    }

    @Override
    protected Response tenantRequest() {
        return given().body("{\"Records\":[]}").post("/ingest/v1/cloudtrail");
    }
}
