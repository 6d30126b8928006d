package dev.vigil.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Statuses and types of {@link GuardDutyException}'s factories; plain JUnit. */
class GuardDutyExceptionTest {

    private static JsonProcessingException failure(String json) {
        try {
            JsonLimitsCustomizer.limit(new ObjectMapper()).readTree(json);
            throw new AssertionError("parsed: " + json);
        } catch (JsonProcessingException e) {
            return e;
        }
    }

    @Test
    void factoriesAnswerWithTheirTypesStatus() {
        assertThat(GuardDutyException.badRequest("x").status()).isEqualTo(400);
        assertThat(GuardDutyException.accessDenied("x").type()).isEqualTo("AccessDeniedException");
        assertThat(GuardDutyException.payloadTooLarge("x").status()).isEqualTo(413);
        assertThat(GuardDutyException.internal().type()).isEqualTo("InternalServerErrorException");
        GuardDutyException throttled = GuardDutyException.tooManyRequests("slow down", 0);
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.retryAfterSeconds()).isEqualTo(1);
        assertThat(GuardDutyException.serviceUnavailable("x").status()).isEqualTo(503);
        assertThat(ErrorType.forStatus(404)).isEqualTo(ErrorType.RESOURCE_NOT_FOUND);
        assertThat(ErrorType.forStatus(415)).isEqualTo(ErrorType.BAD_REQUEST);
        assertThat(ErrorType.forStatus(502)).isEqualTo(ErrorType.INTERNAL_SERVER_ERROR);
    }

    @Test
    void invalidJsonNamesTheLimitOrTheSyntaxErrorAndNeverTheLibrary() {
        GuardDutyException deep = GuardDutyException.invalidJson(failure("[".repeat(100)));
        assertThat(deep.status()).isEqualTo(400);
        assertThat(deep.getMessage()).startsWith("The request body is not valid: ").contains("nesting depth")
                .doesNotContain("StreamReadConstraints", "`", "jackson");
        GuardDutyException big = GuardDutyException.invalidJson(failure("{\"a\":\"" + "x".repeat(1_100_000) + "\"}"));
        assertThat(big.status()).isEqualTo(413);
        assertThat(big.errorType()).isEqualTo(ErrorType.PAYLOAD_TOO_LARGE);
    }

    @Test
    void theErrorBodyIsMessageAndTypeWithTheHeader() throws Exception {
        var r = ErrorMappers.response(GuardDutyException.serviceUnavailable("Kafka is slow"));
        assertThat(r.getStatus()).isEqualTo(503);
        assertThat(r.getHeaderString(ErrorMappers.ERROR_TYPE_HEADER)).isEqualTo("ServiceUnavailableException");
        assertThat(r.getHeaderString("Retry-After")).isEqualTo("5");
        JsonNode body = new ObjectMapper().readTree((String) r.getEntity());
        assertThat(body.get("message").asText()).isEqualTo("Kafka is slow");
        assertThat(body.get("__type").asText()).isEqualTo("ServiceUnavailableException");
        assertThat(body.size()).isEqualTo(2);
    }
}
