package dev.vigil.detector;

import dev.vigil.web.contract.OpsEndpointsContract;
import io.quarkus.test.junit.QuarkusTest;

/** The operational endpoints (shared contract {@link OpsEndpointsContract}); the real application, nothing mocked. */
@QuarkusTest
class OpsEndpointsTest extends OpsEndpointsContract {
}
