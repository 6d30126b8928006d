package dev.vigil.e2e.suite;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.e2e.DemoIdentities;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Test-only Keycloak identities for the authorization matrix, created at test start through the Keycloak admin REST
 * API of the local stack (admin {@code VIGIL_KEYCLOAK_ADMIN}/{@code VIGIL_KEYCLOAK_ADMIN_PASSWORD}, default
 * admin/admin as {@code ./vigil up} sets them) and removed again by {@link #remove()}. Nothing here touches the realm
 * file shared with Kubernetes ({@code k8s/base/keycloak/vigil-realm.json}).
 *
 * <ul>
 *   <li>client {@code vigil-matrix-short-lived} in realm {@code vigil}: like {@code vigil-cli} (audience
 *       {@code vigil-api}, {@code account_id} claim) with a {@value #SHORT_LIFESPAN_SECONDS} s access-token lifespan,
 *       for a real token that expires;</li>
 *   <li>client {@code vigil-matrix-no-audience} in realm {@code vigil}: like {@code vigil-cli} without the
 *       {@code vigil-api} audience mapper, for a real token of the right issuer with the wrong audience;</li>
 *   <li>realm {@code vigil-matrix-other} (resource {@code matrix-other-realm.json}): another issuer with the same
 *       roles, client and a user {@code admin-111} carrying {@code account_id} 111111111111;</li>
 *   <li>user {@code vigil-matrix-no-account} in realm {@code vigil} ({@link #createUserWithoutAccount}, for
 *       AuthenticationIT): roles admin, analyst and ingest, no {@code account_id}.</li>
 * </ul>
 */
final class TestRealms {

    /** Access-token lifespan of the short-lived client, in seconds (Keycloak client attribute). */
    static final int SHORT_LIFESPAN_SECONDS = 3;
    static final String SHORT_LIVED_CLIENT = "vigil-matrix-short-lived";
    static final String NO_AUDIENCE_CLIENT = "vigil-matrix-no-audience";
    static final String OTHER_REALM = "vigil-matrix-other";
    /** A user of realm vigil with every tenant role and no {@code account_id} ({@link #createUserWithoutAccount}). */
    static final String NO_ACCOUNT_USER = "vigil-matrix-no-account";

    private static final ObjectMapper JSON = new ObjectMapper();

    private TestRealms() {
    }

    private static String adminToken() {
        return given().baseUri(Stack.url("keycloak")).contentType(ContentType.URLENC)
                .formParam("grant_type", "password").formParam("client_id", "admin-cli")
                .formParam("username", Stack.env("VIGIL_KEYCLOAK_ADMIN", "admin"))
                .formParam("password", Stack.env("VIGIL_KEYCLOAK_ADMIN_PASSWORD", "admin"))
                .post("/realms/master/protocol/openid-connect/token").then().statusCode(200).extract()
                .path("access_token");
    }

    private static io.restassured.specification.RequestSpecification admin(String token) {
        return given().baseUri(Stack.url("keycloak")).auth().oauth2(token).contentType(ContentType.JSON);
    }

    /** Creates (or re-creates) the test clients and the other realm. */
    static void create() {
        String token = adminToken();
        removeAll(token);
        admin(token).body(client(SHORT_LIVED_CLIENT, true, Map.of("access.token.lifespan",
                String.valueOf(SHORT_LIFESPAN_SECONDS)))).post("/admin/realms/vigil/clients").then().statusCode(201);
        admin(token).body(client(NO_AUDIENCE_CLIENT, false, Map.of())).post("/admin/realms/vigil/clients").then()
                .statusCode(201);
        admin(token).body(resource("matrix-other-realm.json")).post("/admin/realms").then().statusCode(201);
    }

    /** Removes what {@link #create()} made. */
    static void remove() {
        removeAll(adminToken());
    }

    private static void removeAll(String token) {
        for (String clientId : List.of(SHORT_LIVED_CLIENT, NO_AUDIENCE_CLIENT)) {
            List<String> ids = admin(token).queryParam("clientId", clientId).get("/admin/realms/vigil/clients").then()
                    .statusCode(200).extract().path("id");
            for (String id : ids) {
                admin(token).delete("/admin/realms/vigil/clients/" + id).then().statusCode(204);
            }
        }
        int status = admin(token).delete("/admin/realms/" + OTHER_REALM).statusCode();
        if (status != 204 && status != 404) {
            throw new IllegalStateException("could not remove realm " + OTHER_REALM + ": HTTP " + status);
        }
    }

    /**
     * Creates (or re-creates) {@link #NO_ACCOUNT_USER} in realm vigil: roles admin, analyst and ingest, the demo
     * password, and no {@code account_id} attribute, so its tokens carry every tenant role but no account.
     */
    static void createUserWithoutAccount() {
        String token = adminToken();
        removeUserWithoutAccount(token);
        ObjectNode user = JSON.createObjectNode().put("username", NO_ACCOUNT_USER).put("enabled", true)
                .put("email", NO_ACCOUNT_USER + "@example.com").put("emailVerified", true).put("firstName", "No")
                .put("lastName", "Account");
        user.putArray("credentials").addObject().put("type", "password").put("value", DemoIdentities.password())
                .put("temporary", false);
        admin(token).body(user.toString()).post("/admin/realms/vigil/users").then().statusCode(201);
        String id = admin(token).queryParam("username", NO_ACCOUNT_USER).queryParam("exact", true)
                .get("/admin/realms/vigil/users").then().statusCode(200).extract().path("[0].id");
        var roles = JSON.createArrayNode();
        for (String role : List.of("admin", "analyst", "ingest")) {
            roles.add(JSON.valueToTree(admin(token).get("/admin/realms/vigil/roles/" + role).then().statusCode(200)
                    .extract().as(Map.class)));
        }
        admin(token).body(roles.toString()).post("/admin/realms/vigil/users/" + id + "/role-mappings/realm").then()
                .statusCode(204);
    }

    /** Removes {@link #NO_ACCOUNT_USER}. */
    static void removeUserWithoutAccount() {
        removeUserWithoutAccount(adminToken());
    }

    private static void removeUserWithoutAccount(String token) {
        List<String> ids = admin(token).queryParam("username", NO_ACCOUNT_USER).queryParam("exact", true)
                .get("/admin/realms/vigil/users").then().statusCode(200).extract().path("id");
        for (String id : ids) {
            admin(token).delete("/admin/realms/vigil/users/" + id).then().statusCode(204);
        }
    }

    /** A public password-grant client of realm vigil shaped like {@code vigil-cli}. */
    private static String client(String clientId, boolean audience, Map<String, String> attributes) {
        ObjectNode c = JSON.createObjectNode().put("clientId", clientId).put("enabled", true)
                .put("protocol", "openid-connect").put("publicClient", true).put("standardFlowEnabled", false)
                .put("directAccessGrantsEnabled", true);
        attributes.forEach(c.putObject("attributes")::put);
        var mappers = c.putArray("protocolMappers");
        if (audience) {
            mappers.addObject().put("name", "audience-vigil-api").put("protocol", "openid-connect")
                    .put("protocolMapper", "oidc-audience-mapper").putObject("config")
                    .put("included.custom.audience", "vigil-api").put("access.token.claim", "true")
                    .put("id.token.claim", "false");
        }
        mappers.addObject().put("name", "account_id").put("protocol", "openid-connect")
                .put("protocolMapper", "oidc-usermodel-attribute-mapper").putObject("config")
                .put("user.attribute", "account_id").put("claim.name", "account_id").put("jsonType.label", "String")
                .put("access.token.claim", "true").put("id.token.claim", "true");
        return c.toString();
    }

    private static String resource(String name) {
        try (InputStream in = TestRealms.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An access token of demo user {@code user} (password {@link Stack#PASSWORD}) from {@code realm}/{@code client}. */
    static String userToken(String realm, String client, String user) {
        Response r = given().baseUri(Stack.url("keycloak")).contentType(ContentType.URLENC)
                .formParam("grant_type", "password").formParam("client_id", client).formParam("username", user)
                .formParam("password", DemoIdentities.password()).post("/realms/" + realm + "/protocol/openid-connect/token");
        r.then().statusCode(200);
        return r.path("access_token");
    }

    /** The decoded payload (claims) of a JWT. */
    static Map<String, Object> claims(String jwt) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = JSON.readValue(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), Map.class);
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code jwt}'s claims re-encoded under header {@code {"alg":"none"}} with an empty signature. */
    static String unsigned(String jwt) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + jwt.split("\\.")[1] + ".";
    }
}
