package dev.vigil.web.contract;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import org.junit.jupiter.api.Test;

/**
 * The operational endpoints every Vigil service exposes (ARCHITECTURE.md, "API"): liveness, metrics in Prometheus
 * format and the OpenAPI document. A service runs it as {@code @QuarkusTest class OpsEndpointsTest extends
 * OpsEndpointsContract {}}: the real application, nothing mocked.
 */
public abstract class OpsEndpointsContract {

    @Test
    public void livenessIsUp() {
        given().get("/q/health/live").then().statusCode(200).body(containsString("UP"));
    }

    @Test
    public void metricsArePrometheusText() {
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    public void openApiIsPublished() {
        given().get("/q/openapi").then().statusCode(200).body(containsString("openapi"));
    }
}
