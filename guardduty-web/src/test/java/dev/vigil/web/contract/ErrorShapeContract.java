package dev.vigil.web.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The error shape every GuardDuty-shaped service answers with, and its answer to a caller without a usable account.
 * A service runs it as {@code @QuarkusTest class ErrorShapeTest extends ErrorShapeContract} and names two of its
 * requests: {@link #invalidRequest()}, one that fails validation, and {@link #tenantRequest()}, any operation of a
 * tenant. The identities come from {@code @TestSecurity}: roles {@code admin}, {@code analyst} and {@code ingest},
 * so that every service's role check lets them through to the tenant check.
 *
 * <p>The shape (as the AWS SDKs parse it): HTTP status, header {@code x-amzn-ErrorType}, a JSON body of exactly
 * {@code message} and {@code __type}, the type equal to the header, and nothing that betrays the implementation
 * (Java types, library settings, stack traces).
 */
public abstract class ErrorShapeContract {

    /** The account of the well-formed identity. */
    protected static final String ACCOUNT = "111111111111";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request, by an allowed caller of account {@link #ACCOUNT}, that fails validation with 400. */
    protected abstract Response invalidRequest();

    /** One request of a tenant operation (its answer to a caller of account {@link #ACCOUNT} does not matter). */
    protected abstract Response tenantRequest();

    /** Asserts the error shape of {@code r} with {@code status} and {@code type}; returns the message. */
    public static String assertErrorShape(Response r, int status, String type) {
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(status);
        assertThat(r.header("x-amzn-ErrorType")).isEqualTo(type);
        assertThat(r.contentType()).startsWith("application/json");
        JsonNode body;
        try {
            body = JSON.readTree(r.asString());
        } catch (Exception e) {
            throw new AssertionError("the body is not JSON: " + r.asString(), e);
        }
        List<String> members = new ArrayList<>();
        body.fieldNames().forEachRemaining(members::add);
        assertThat(members).containsExactlyInAnyOrder("message", "__type");
        assertThat(body.get("__type").asText()).isEqualTo(type);
        String message = body.get("message").asText();
        assertThat(message).isNotBlank().doesNotContain("java.", "jackson", "Exception:", "\tat ",
                "StreamReadConstraints", "`", "dev.vigil");
        return message;
    }

    @Test
    @TestSecurity(user = "admin-111", roles = {"admin", "analyst", "ingest"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = ACCOUNT))
    public void aRequestThatFailsValidationAnswersInTheErrorShape() {
        assertErrorShape(invalidRequest(), 400, "BadRequestException");
    }

    @Test
    @TestSecurity(user = "no-account", roles = {"admin", "analyst", "ingest"})
    @OidcSecurity(claims = @Claim(key = "email", value = "no-account@example.com"))
    public void aTokenWithoutAccountIdIsAccessDenied() {
        assertThat(assertErrorShape(tenantRequest(), 403, "AccessDeniedException")).contains("account_id");
    }

    @Test
    @TestSecurity(user = "bad-account", roles = {"admin", "analyst", "ingest"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = "12345"))
    public void anAccountIdThatIsNotTwelveDigitsIsAccessDenied() {
        assertErrorShape(tenantRequest(), 403, "AccessDeniedException");
    }

    @Test
    public void withoutCredentialsTheAnswerIs401InTheErrorShape() {
        assertErrorShape(tenantRequest(), 401, "UnauthorizedException");
        assertErrorShape(io.restassured.RestAssured.given().get("/no-such-operation"), 401, "UnauthorizedException");
    }

    @Test
    @TestSecurity(user = "admin-111", roles = {"admin", "analyst", "ingest"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = ACCOUNT))
    public void anUnknownPathIs404InTheErrorShape() {
        assertErrorShape(io.restassured.RestAssured.given().get("/no-such-operation"), 404, "ResourceNotFoundException");
        assertErrorShape(io.restassured.RestAssured.given().get("/detector/0123456789abcdef0123456789abcdef/nothing/here"),
                404, "ResourceNotFoundException");
    }

    /**
     * Every operation of the OpenAPI document that takes only JSON answers another content type with 415 in the error
     * shape (type {@code BadRequestException}, as {@link dev.vigil.web.ErrorType} says).
     */
    @Test
    @TestSecurity(user = "admin-111", roles = {"admin", "analyst", "ingest", "collector", "service"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = ACCOUNT))
    public void aBodyOfAnUnsupportedMediaTypeIs415InTheErrorShape() {
        unsupportedMediaType(415, "BadRequestException");
    }

    /** Without credentials the same requests are 401: the security check comes before the media type. */
    @Test
    public void anAnonymousBodyOfAnUnsupportedMediaTypeIs401InTheErrorShape() {
        unsupportedMediaType(401, "UnauthorizedException");
    }

    private static void unsupportedMediaType(int status, String type) {
        for (InputValidationContract.Operation op : InputValidationContract.operations()) {
            JsonNode content = op.spec().path("requestBody").path("content");
            if (content.size() == 1 && content.has("application/json")) {
                Response r = io.restassured.RestAssured.given().urlEncodingEnabled(false).contentType("text/plain")
                        .body("x").request(op.method(), op.path(null, null));
                assertErrorShape(r, status, type);
            }
        }
    }

    /** Issue 23, defect 6: bearer tokens are verified locally; nothing is sent to Keycloak's introspection endpoint. */
    @Test
    public void tokenIntrospectionIsOff() {
        org.eclipse.microprofile.config.Config config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        assertThat(config.getValue("quarkus.oidc.token.allow-opaque-token-introspection", Boolean.class)).isFalse();
        assertThat(config.getValue("quarkus.oidc.token.allow-jwt-introspection", Boolean.class)).isFalse();
    }
}
