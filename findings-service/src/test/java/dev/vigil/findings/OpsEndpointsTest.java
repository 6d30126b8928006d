package dev.vigil.findings;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * The operational endpoints every Vigil service exposes: liveness, metrics in Prometheus format and the OpenAPI
 * document. Runs the real application on the real PostgreSQL; nothing is mocked.
 */
@QuarkusTest
class OpsEndpointsTest {

    @Test
    void livenessIsUp() {
        given().get("/q/health/live").then().statusCode(200).body(containsString("UP"));
    }

    @Test
    void metricsArePrometheusText() {
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void openApiIsPublished() {
        given().get("/q/openapi").then().statusCode(200).body(containsString("openapi"));
    }
}
