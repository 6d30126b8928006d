package dev.vigil.accounts;

import dev.vigil.web.contract.InputValidationContract;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Text and number rules on every parameter and body member of every operation of accounts-service's OpenAPI document
 * (shared contract {@link InputValidationContract}); the real HTTP layer and PostgreSQL test database.
 */
@QuarkusTest
class InputValidationTest extends InputValidationContract {
}
