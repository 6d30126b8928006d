package dev.vigil.web.contract;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 23, defects 4 and 9, over every operation of the service's own OpenAPI document: text with a NUL character
 * or an unpaired surrogate, and numbers out of range, in any path parameter, query parameter or body member are 400
 * {@code BadRequestException} naming the parameter or member, before any resource code runs (so never a 500 from the
 * database); JSON syntax errors name the location only, never a parser setting. A service runs it as
 * {@code @QuarkusTest class InputValidationTest extends InputValidationContract {}}. The caller holds every role, so
 * that no role check answers first.
 */
public abstract class InputValidationContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PARAM = Pattern.compile("\\{([^}:]+)(:[^}]*)?}");
    private static final List<String> METHODS = List.of("get", "post", "put", "delete", "patch");

    /** One operation of the OpenAPI document. */
    record Operation(String method, String path, JsonNode spec) {

        List<String> parameters(String in) {
            List<String> out = new ArrayList<>();
            for (JsonNode p : spec.path("parameters")) {
                if (in.equals(p.path("in").asText())) {
                    out.add(p.path("name").asText());
                }
            }
            return out;
        }

        /** Whether the operation reads a JSON body (not the raw bytes of an upload). */
        boolean readsJson() {
            JsonNode content = spec.path("requestBody").path("content");
            if (content.isMissingNode()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = content.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                boolean json = e.getKey().contains("json") || e.getKey().equals("*/*");
                if (json && !"binary".equals(e.getValue().path("schema").path("format").asText())) {
                    return true;
                }
            }
            return false;
        }

        /** The request path with every path parameter well formed except {@code bad} (raw, already encoded). */
        String path(String bad, String badValue) {
            Matcher m = PARAM.matcher(path);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String name = m.group(1).trim();
                m.appendReplacement(out, Matcher.quoteReplacement(name.equals(bad) ? badValue : sample(name)));
            }
            return m.appendTail(out).toString();
        }

        @Override
        public String toString() {
            return method.toUpperCase() + " " + path;
        }
    }

    /** A well-formed value of path parameter {@code name}. */
    static String sample(String name) {
        return switch (name) {
            case "accountId", "administratorId", "masterId" -> "111111111111";
            case "format" -> "asff";
            default -> name.endsWith("Id") ? "0123456789abcdef0123456789abcdef" : "x";
        };
    }

    /** Every operation of the service's OpenAPI document, operational endpoints aside. */
    protected static List<Operation> operations() {
        JsonNode doc;
        try {
            doc = JSON.readTree(given().accept("application/json").get("/q/openapi?format=json").asString());
        } catch (Exception e) {
            throw new AssertionError("the OpenAPI document is not JSON", e);
        }
        List<Operation> out = new ArrayList<>();
        doc.path("paths").fields().forEachRemaining(p -> {
            for (String method : METHODS) {
                if (p.getValue().has(method) && !p.getKey().startsWith("/q/")) {
                    out.add(new Operation(method, p.getKey(), p.getValue().get(method)));
                }
            }
        });
        assertThat(out).as("operations in the OpenAPI document").isNotEmpty();
        return out;
    }

    private static Response send(Operation op, String path, String contentType, String body) {
        RequestSpecification r = given().urlEncodingEnabled(false);
        if (body != null) {
            r = r.contentType(contentType).body(body);
        }
        return r.request(op.method(), path);
    }

    private static void assertRejected(Operation op, Response r, String... words) {
        String message = ErrorShapeContract.assertErrorShape(r, 400, "BadRequestException");
        assertThat(message).as(op.toString()).contains(words);
    }

    @Test
    @TestSecurity(user = "all-roles", roles = {"admin", "analyst", "ingest", "collector", "service"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = "111111111111"))
    public void nulInAnyPathOrQueryParameterIsRejectedNamingIt() {
        int checked = 0;
        for (Operation op : operations()) {
            for (String name : op.parameters("path")) {
                if (sample(name).equals("x")) {
                    assertRejected(op, send(op, op.path(name, "a%00b"), null, null), "'" + name + "'", "NUL");
                    checked++;
                }
            }
            for (String name : op.parameters("query")) {
                String body = op.readsJson() ? "{}" : null;
                assertRejected(op, send(op, op.path(null, null) + "?" + name + "=a%00", "application/json", body),
                        "'" + name + "'", "NUL");
                checked++;
            }
        }
        System.out.println("InputValidationContract: " + checked + " parameters checked");
    }

    @Test
    @TestSecurity(user = "all-roles", roles = {"admin", "analyst", "ingest", "collector", "service"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = "111111111111"))
    public void badTextAndNumbersInAnyBodyMemberAreRejectedNamingTheMember() {
        int checked = 0;
        for (Operation op : operations()) {
            if (!op.readsJson()) {
                continue;
            }
            String path = op.path(null, null);
            assertRejected(op, send(op, path, "application/json", "{\"name\":\"a\\u0000\"}"), "member 'name'", "NUL");
            assertRejected(op, send(op, path, "application/json", "{\"tags\":{\"k\":\"\\ud800\"}}"),
                    "member 'tags.k'", "Unicode");
            assertRejected(op, send(op, path, "application/json", "{\"accountDetails\":[{\"email\":\"\\u0000\"}]}"),
                    "member 'accountDetails[0].email'");
            assertRejected(op, send(op, path, "application/json",
                    "{\"findingCriteria\":{\"criterion\":{\"updatedAt\":{\"gte\":9.3e15}}}}"),
                    "member 'findingCriteria.criterion.updatedAt.gte'", "out of range");
            assertRejected(op, send(op, path, "application/json", "{\"n\":-100000000000000000}"), "member 'n'");
            String comment = ErrorShapeContract.assertErrorShape(send(op, path, "application/json", "{/* c */}"), 400,
                    "BadRequestException");
            assertThat(comment).as(op.toString()).contains("line 1").doesNotContain("Feature", "ALLOW_COMMENTS");
            checked++;
        }
        System.out.println("InputValidationContract: " + checked + " operations with a JSON body checked");
    }

    /**
     * Issue 23, defect 7: every GuardDuty path under a region the deployment does not serve is answered as AWS answers
     * a request scoped to an unknown region; under a served region it is not.
     */
    @Test
    @TestSecurity(user = "all-roles", roles = {"admin", "analyst", "ingest", "collector", "service"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = "111111111111"))
    public void anUnknownRegionIsRefusedOnEveryGuardDutyPath() {
        int checked = 0;
        for (Operation op : operations()) {
            if (!op.path().startsWith("/detector") && !op.path().startsWith("/invitation")) {
                continue;
            }
            String body = op.readsJson() ? "{}" : null;
            Response r = send(op, "/zz-fake-9" + op.path(null, null), "application/json", body);
            assertThat(ErrorShapeContract.assertErrorShape(r, 403, "InvalidSignatureException"))
                    .isEqualTo("Credential should be scoped to a valid region.");
            Response served = send(op, "/eu-west-1" + op.path(null, null), "application/json", body);
            assertThat(served.header("x-amzn-ErrorType")).as(op.toString()).isNotEqualTo("InvalidSignatureException");
            checked++;
        }
        System.out.println("InputValidationContract: " + checked + " operations checked for unknown regions");
    }
}
