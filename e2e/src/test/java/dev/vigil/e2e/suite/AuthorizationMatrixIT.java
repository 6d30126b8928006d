package dev.vigil.e2e.suite;

import static dev.vigil.e2e.DemoIdentities.ADMIN_111;
import static dev.vigil.e2e.DemoIdentities.ADMIN_222;
import static dev.vigil.e2e.DemoIdentities.ADMIN_333;
import static dev.vigil.e2e.DemoIdentities.ADMIN_ACCOUNT;
import static dev.vigil.e2e.DemoIdentities.ANALYST_111;
import static dev.vigil.e2e.DemoIdentities.COLLECTOR;
import static dev.vigil.e2e.DemoIdentities.INGEST_111;
import static dev.vigil.e2e.DemoIdentities.MEMBER_ACCOUNT;
import static dev.vigil.e2e.DemoIdentities.OTHER_ACCOUNT;
import static dev.vigil.e2e.suite.GuardDutyApi.ensureDetector;
import static dev.vigil.e2e.suite.Stack.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.restassured.http.Method;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 8's authorization matrix on the real stack: real Keycloak tokens, the four real services, nothing mocked.
 *
 * <p>The operations come from the services' own OpenAPI documents ({@code /q/openapi?format=json}); every operation
 * must have an entry in {@code authz-matrix.json} (which roles may call it, whether its path names an account-owned
 * resource, the request body, the status the owner gets) and every entry must name a live operation. Then, against
 * every operation:
 * <ul>
 *   <li>token cases: no token, a malformed one, an unsigned ({@code alg: none}) copy of a real one, a real expired
 *       one, a real one from another issuer (realm), a real one with the wrong audience, and no token with an
 *       unsupported Content-Type: 401;</li>
 *   <li>each role's real token (admin, analyst, ingest, collector, service): a role the entry allows never gets 401
 *       or 403, any other gets 403;</li>
 *   <li>account-owned operations: the owner gets the entry's status; 111111111111's administrator on its enabled
 *       member's resources and on a non-member's resources, another tenant's administrator and the enabled member
 *       on 111111111111's resources, and the owner's detector with another tenant's sub-resource are each answered
 *       exactly like a missing resource (a 4xx, same status, same body once the IDs the request named are
 *       masked);</li>
 *   <li>ingest operations: role ingest submits records of its own account; a record of another tenant is refused
 *       exactly like one of an account that does not exist;</li>
 *   <li>SigV4 callers (credentials from Vigil's STS for the same users): each role as with its token, another
 *       tenant's administrator answered like a missing resource, a session token no stack issued 403.</li>
 *   <li>long-lived access keys: an analyst's Active key as the analyst role, a revoked (Inactive) key 403
 *       UnrecognizedClientException everywhere.</li>
 * </ul>
 * Every answer is below 500 and its body holds no stack trace, no Java class name and no ID of an account the caller
 * may not see (apart from IDs the request itself named). Test-only Keycloak identities: {@link TestRealms}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuthorizationMatrixIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SERVICES = List.of("accounts", "findings", "ingest", "detector");
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final Pattern PARAM = Pattern.compile("\\{([^}:]+)(?::[^}]*)?}");
    /** Stack frames and fully qualified Java class names (package.Class). */
    private static final Pattern JAVA_INTERNALS = Pattern.compile(
            "\\bat [\\w$.]+\\([\\w$]+\\.java:\\d+\\)|\\b(?:java|javax|jakarta|io|org|com|dev|sun)\\.[a-z_][\\w]*(?:\\.[a-z_][\\w]*)*\\.[A-Z][\\w$]*");
    /** Exception class names other than the error types of GuardDuty's error shape. */
    private static final Pattern EXCEPTION = Pattern.compile("\\b[A-Z][A-Za-z]*(?:Exception|Error)\\b");
    private static final Set<String> ERROR_TYPES = Set.of("BadRequestException", "InternalServerErrorException",
            "AccessDeniedException", "ResourceNotFoundException", "UnauthorizedException", "ConflictException",
            "TooManyRequestsException", "PayloadTooLargeException", "UnsupportedMediaTypeException",
            "NotFoundException", "ValidationException");

    /** Keys of path parameters that name a resource, and the fixture they are filled from. */
    private static final Map<String, String> RESOURCE_PARAMS = Map.of("detectorId", "detector", "ipSetId", "ipset",
            "threatIntelSetId", "threat", "threatEntitySetId", "tentity", "trustedEntitySetId", "trentity",
            "filterName", "filter", "destinationId", "destination", "findingId", "finding", "logSourceId", "logsource");

    /** The matrix file: operation key ("service METHOD /path/{template}") to its entry. */
    private static Map<String, Entry> matrix;
    /** The operations the running services publish, by key. */
    private static Map<String, Op> live;
    /** Identities by role name: the token of one real identity that holds that role. */
    private static final Map<String, Identity> ROLES = new LinkedHashMap<>();
    /** The bad tokens by case name ({@code null}: no Authorization header). */
    private static final Map<String, String> BAD_TOKENS = new LinkedHashMap<>();
    private static Instant expiredAfter;
    /** Per account: fixture kind (detector, ipset, ...) to resource ID or name. */
    private static final Map<String, Map<String, String>> FIXTURES = new HashMap<>();
    /** Fixtures of this test (named vigil-matrix*, never a user's): only these may be deleted by the owner cases. */
    private static final Set<String> OURS = new TreeSet<>();
    /** Requests the matrix made (set-up and fixtures not counted). */
    private static final AtomicInteger REQUESTS = new AtomicInteger();

    record Op(String service, String method, String path) {
        String key() {
            return service + " " + method + " " + path;
        }

        List<String> params() {
            List<String> out = new ArrayList<>();
            Matcher m = PARAM.matcher(path);
            while (m.find()) {
                out.add(m.group(1));
            }
            return out;
        }
    }

    /**
     * One matrix entry: allowed roles; whether the path names account-owned resources; the JSON body (with
     * {@code ${param}} placeholders) or a text body; the owner's expected status ({@code null}: owner case skipped,
     * {@code skip} says why); whether the owner call deletes a fixture (run last); a query string to send (e.g.
     * UntagResource's {@code ?tagKeys=...}).
     */
    record Entry(Set<String> roles, boolean isPublic, boolean owned, String body, String text, Integer own, String skip,
            boolean ownLast, String record, boolean recordJson, String query, String ownCredential) {

        /**
         * What a caller that the matrix allows (or, for an operation with its own credential, any realm token or
         * SigV4 signature, which is not that credential) must not get ({@code notIn}), else exactly what it gets.
         */
        void assertAnswer(boolean allowed, int status, String description) {
            if (ownCredential != null) {
                assertThat(status).as(description + " (the operation takes only " + ownCredential + ")").isEqualTo(401);
            } else if (allowed) {
                assertThat(status).as(description).isNotIn(401, 403);
            } else {
                assertThat(status).as(description).isEqualTo(403);
            }
        }
    }

    /**
     * A real identity of the demo realm (a user, or a confidential client without an account): its realm roles and
     * its account ({@code null} for clients). Its token comes from {@link Stack#token}, which reuses one per identity.
     */
    record Identity(String name, Set<String> roles, String account) {
        String token() {
            return Stack.token(name);
        }
    }

    record Reply(int status, String body) {
    }

    // ---- set-up ------------------------------------------------------------------------------------------------

    @BeforeAll
    static void setUp() throws IOException {
        TestRealms.create();
        // the expiring token first, so that it has expired by the time the token cases run
        String shortLived = TestRealms.userToken("vigil", TestRealms.SHORT_LIVED_CLIENT, ADMIN_111);
        Map<String, Object> claims = TestRealms.claims(shortLived);
        expiredAfter = Instant.ofEpochSecond(((Number) claims.get("exp")).longValue()).plusSeconds(2);
        assertThat(((Number) claims.get("exp")).longValue() - ((Number) claims.get("iat")).longValue())
                .as("lifespan of the short-lived test client").isLessThanOrEqualTo(TestRealms.SHORT_LIFESPAN_SECONDS);
        // while it is fresh it is accepted, so its later 401 is due to its expiry alone
        given().baseUri(Stack.url("accounts")).auth().oauth2(shortLived).get("/detector").then().statusCode(200);

        String noAudience = TestRealms.userToken("vigil", TestRealms.NO_AUDIENCE_CLIENT, ADMIN_111);
        assertThat(String.valueOf(TestRealms.claims(noAudience).get("aud"))).doesNotContain("vigil-api");
        assertThat(TestRealms.claims(noAudience)).containsEntry("account_id", ADMIN_ACCOUNT);
        String otherIssuer = TestRealms.userToken(TestRealms.OTHER_REALM, "vigil-cli", ADMIN_111);
        assertThat(TestRealms.claims(otherIssuer)).containsEntry("account_id", ADMIN_ACCOUNT);
        assertThat(String.valueOf(TestRealms.claims(otherIssuer).get("aud"))).contains("vigil-api");
        assertThat(String.valueOf(TestRealms.claims(otherIssuer).get("iss"))).endsWith("/realms/" + TestRealms.OTHER_REALM);

        BAD_TOKENS.put("no token", null);
        BAD_TOKENS.put("malformed token", "not-a-jwt");
        BAD_TOKENS.put("unsigned token", TestRealms.unsigned(Stack.token(ADMIN_111)));
        BAD_TOKENS.put("expired token", shortLived);
        BAD_TOKENS.put("other issuer", otherIssuer);
        BAD_TOKENS.put("wrong audience", noAudience);

        ROLES.put("admin", new Identity(ADMIN_111, Set.of("admin", "analyst"), ADMIN_ACCOUNT));
        ROLES.put("analyst", new Identity(ANALYST_111, Set.of("analyst"), ADMIN_ACCOUNT));
        ROLES.put("ingest", new Identity(INGEST_111, Set.of("ingest"), ADMIN_ACCOUNT));
        ROLES.put("collector", new Identity(COLLECTOR, Set.of("collector"), null));
        ROLES.put("service", new Identity("vigil-findings-service", Set.of("service"), null));

        matrix = loadMatrix();
        live = liveOperations();
        fixtures();
    }

    @AfterAll
    static void tearDown() {
        System.out.printf("authorization matrix: %d operations, %d roles, %d token cases, %d requests%n",
                matrix.size(), ROLES.size(), BAD_TOKENS.size() + 1, REQUESTS.get());
        TestRealms.remove();
    }

    private static Map<String, Entry> loadMatrix() throws IOException {
        JsonNode root;
        try (InputStream in = AuthorizationMatrixIT.class.getResourceAsStream("/authz-matrix.json")) {
            root = JSON.readTree(in);
        }
        Map<String, Entry> out = new LinkedHashMap<>();
        root.path("operations").fields().forEachRemaining(e -> {
            JsonNode n = e.getValue();
            Set<String> roles = new TreeSet<>();
            n.path("roles").forEach(r -> roles.add(r.asText()));
            JsonNode own = n.get("own");
            out.put(e.getKey(), new Entry(roles, n.path("public").asBoolean(false), n.path("owned").asBoolean(false),
                    n.has("body") ? n.get("body").toString() : null, n.has("text") ? n.get("text").asText() : null,
                    own != null && own.isInt() ? own.asInt() : null, own != null && own.isTextual() ? own.asText() : null,
                    n.path("ownLast").asBoolean(false), n.path("record").isTextual() ? n.get("record").asText()
                            : n.has("record") ? n.get("record").toString() : null,
                    n.path("record").isObject(), n.has("query") ? n.get("query").asText() : null,
                    n.has("ownCredential") ? n.get("ownCredential").asText() : null));
        });
        return out;
    }

    private static Map<String, Op> liveOperations() {
        Map<String, Op> out = new LinkedHashMap<>();
        for (String service : SERVICES) {
            String doc = given().baseUri(Stack.url(service)).queryParam("format", "json").get("/q/openapi").then()
                    .statusCode(200).extract().asString();
            JsonNode paths;
            try {
                paths = JSON.readTree(doc).path("paths");
            } catch (IOException e) {
                throw new IllegalStateException(service + "'s OpenAPI document is not JSON", e);
            }
            paths.fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(m -> {
                if (HTTP_METHODS.contains(m)) {
                    Op op = new Op(service, m.toUpperCase(Locale.ROOT), p.getKey());
                    out.put(op.key(), op);
                }
            }));
        }
        return out;
    }

    /**
     * Detectors, membership (111111111111 administers 222222222222) and one of each sub-resource for the three demo
     * accounts; reused when a previous run made them.
     */
    private static void fixtures() {
        Membership.associate();
        Map<String, String> users = Map.of(ADMIN_ACCOUNT, ADMIN_111, MEMBER_ACCOUNT, ADMIN_222, OTHER_ACCOUNT, ADMIN_333);
        for (String account : List.of(ADMIN_ACCOUNT, MEMBER_ACCOUNT, OTHER_ACCOUNT)) {
            String user = users.get(account);
            Map<String, String> f = new HashMap<>();
            String det = ensureDetector(user);
            f.put("detector", det);
            if (!account.equals(MEMBER_ACCOUNT)) { // a member's lists are its administrator's (GuardDuty): it has none
                f.put("ipset", list(user, det, "ipset", "ipSetIds"));
                f.put("threat", list(user, det, "threatintelset", "threatIntelSetIds"));
                f.put("tentity", list(user, det, "threatentityset", "threatEntitySetIds"));
                f.put("trentity", list(user, det, "trustedentityset", "trustedEntitySetIds"));
            }
            f.put("logsource", logSource(user, det));
            // findings-service learns detectors from Kafka (vigil.accounts.state.v1): wait until it knows this one
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> as(user, "findings").get("/detector/" + det + "/filter").statusCode() == 200);
            String filter = "vigil-matrix-" + account.substring(0, 3);
            if (as(user, "findings").get("/detector/" + det + "/filter/" + filter).statusCode() != 200) {
                as(user, "findings").body(Map.of("name", filter, "action", "NOOP", "findingCriteria",
                        Map.of("criterion", Map.of("severity", Map.of("gte", 9))))).post("/detector/" + det + "/filter")
                        .then().statusCode(200);
            }
            OURS.add(filter);
            f.put("filter", filter);
            f.put("destination", destination(user, det));
            as(user, "findings").body(Map.of("findingTypes", List.of("Recon:EC2/PortProbeUnprotectedPort")))
                    .post("/detector/" + det + "/findings/create").then().statusCode(200);
            List<String> found = GuardDutyApi.listFindings(user, det, Map.of("accountId", Map.of("eq", List.of(account)),
                    "type", Map.of("eq", List.of("Recon:EC2/PortProbeUnprotectedPort"))));
            assertThat(found).as("a sample finding of " + account).isNotEmpty();
            f.put("finding", found.get(0));
            FIXTURES.put(account, f);
        }
    }

    /**
     * The ID of the caller's IPSet, ThreatIntelSet or entity set named {@code vigil-matrix}, created when missing. Lists named
     * {@code vigil-matrix-2} (made by the owner case of the create operation on an earlier run) are deleted, so that
     * the account stays below GuardDuty's list quotas.
     */
    private static String list(String user, String det, String kind, String idsMember) {
        List<String> ids = as(user, "accounts").get("/detector/" + det + "/" + kind).then().statusCode(200).extract()
                .path(idsMember);
        String found = null;
        for (String id : ids) {
            String name = as(user, "accounts").get("/detector/" + det + "/" + kind + "/" + id).then().statusCode(200)
                    .extract().path("name");
            if ("vigil-matrix".equals(name) && found == null) {
                found = id;
            } else if ("vigil-matrix-2".equals(name)) {
                as(user, "accounts").delete("/detector/" + det + "/" + kind + "/" + id).then().statusCode(200);
            }
        }
        if (found != null) {
            OURS.add(found);
            return found;
        }
        String id = as(user, "accounts").body(Map.of("name", "vigil-matrix", "format", "TXT", "location",
                "vigil://upload/vigil-matrix", "activate", false)).post("/detector/" + det + "/" + kind).then()
                .statusCode(200).extract().path(idsMember.substring(0, idsMember.length() - 1)); // ipSetIds -> ipSetId
        OURS.add(id);
        return id;
    }

    /**
     * The ID of the caller's log source named {@code vigil-matrix} (a FIREHOSE source: no credentials, nothing read),
     * created when missing; those named {@code vigil-matrix-2} (made by the owner case of the create operation on an
     * earlier run) are deleted, so that the account stays below the per-region limit.
     */
    private static String logSource(String user, String det) {
        String base = "/detector/" + det + "/logsource";
        List<String> ids = as(user, "accounts").get(base).then().statusCode(200).extract().path("logSourceIds");
        String found = null;
        for (String id : ids) {
            String name = as(user, "accounts").get(base + "/" + id).then().statusCode(200).extract().path("name");
            if ("vigil-matrix".equals(name) && found == null) {
                found = id;
            } else if ("vigil-matrix-2".equals(name)) {
                as(user, "accounts").delete(base + "/" + id).then().statusCode(200);
            }
        }
        if (found == null) {
            found = as(user, "accounts").body(Map.of("name", "vigil-matrix", "kind", "FIREHOSE", "logType", "DNS"))
                    .post(base).then().statusCode(200).extract().path("logSourceId");
        }
        OURS.add(found);
        return found;
    }

    /**
     * The caller's publishing destination to {@code arn:aws:s3:::vigil-matrix}, created when there is none; those to
     * {@code arn:aws:s3:::vigil-matrix-2} (made by the owner case of the create operation) are deleted.
     */
    private static String destination(String user, String det) {
        String base = "/detector/" + det + "/publishingDestination";
        List<String> ids = as(user, "findings").get(base).then().statusCode(200).extract()
                .path("destinations.destinationId");
        String found = null;
        for (String id : ids) {
            String arn = as(user, "findings").get(base + "/" + id).then().statusCode(200).extract()
                    .path("destinationProperties.destinationArn");
            if ("arn:aws:s3:::vigil-matrix".equals(arn) && found == null) {
                found = id;
            } else if ("arn:aws:s3:::vigil-matrix-2".equals(arn)) {
                as(user, "findings").delete(base + "/" + id).then().statusCode(200);
            }
        }
        if (found != null) {
            OURS.add(found);
            return found;
        }
        String id = as(user, "findings").body(Map.of("destinationType", "S3", "destinationProperties",
                Map.of("destinationArn", "arn:aws:s3:::vigil-matrix"))).post(base).then().statusCode(200).extract()
                .path("destinationId");
        OURS.add(id);
        return id;
    }

    // ---- the matrix ----------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void everyOperationHasAnEntryAndEveryEntryAnOperation() {
        List<String> problems = new ArrayList<>();
        live.keySet().stream().filter(k -> !matrix.containsKey(k)).forEach(k -> problems.add(
                "operation without an entry in authz-matrix.json: " + k));
        matrix.keySet().stream().filter(k -> !live.containsKey(k)).forEach(k -> problems.add(
                "entry in authz-matrix.json for an operation no service publishes: " + k));
        matrix.forEach((k, e) -> {
            if (!e.isPublic() && e.roles().isEmpty() && e.ownCredential() == null) {
                problems.add("entry without roles (and not public, nor with a credential of its own): " + k);
            }
            if (e.ownCredential() != null && (e.isPublic() || !e.roles().isEmpty())) {
                problems.add("an entry with a credential of its own has no roles and is not public: " + k);
            }
            if (!ROLES.keySet().containsAll(e.roles())) {
                problems.add("entry with an unknown role: " + k + " " + e.roles());
            }
            if (e.isPublic() && !k.matches("\\S+ GET /q/(health|metrics|openapi).*")
                    && !k.matches("accounts POST /(sts|iam\\{slash})?")) {
                problems.add("only health, metrics, OpenAPI, STS and IAM (which authenticate themselves) may be public: " + k);
            }
        });
        assertThat(problems).as("the authorization matrix and the services' OpenAPI documents").isEmpty();
    }

    @TestFactory
    @Order(2)
    Stream<DynamicTest> everyBadTokenIsRejected() {
        return ops().filter(op -> !matrix.get(op.key()).isPublic()).flatMap(op -> Stream.concat(
                BAD_TOKENS.entrySet().stream().map(t -> dynamicTest(op.key() + " · " + t.getKey() + " → 401", () -> {
                    if (t.getKey().equals("expired token")) {
                        waitUntil(expiredAfter);
                    }
                    Reply r = call(op, t.getValue(), missing(ADMIN_ACCOUNT), null);
                    assertThat(r.status()).as(describe(op, t.getKey(), r)).isEqualTo(401);
                    assertClean(op, r, Set.of(), "");
                })),
                // the security check comes first: an anonymous caller learns nothing from a 415 or a 400
                Stream.of(dynamicTest(op.key() + " · no token, unsupported Content-Type → 401", () -> {
                    Reply r = call(op, null, missing(ADMIN_ACCOUNT), null, "application/xml");
                    assertThat(r.status()).as(describe(op, "no token, application/xml", r)).isEqualTo(401);
                    assertClean(op, r, Set.of(), "");
                }))));
    }

    @TestFactory
    @Order(3)
    Stream<DynamicTest> eachRoleGetsExactlyWhatTheMatrixAllows() {
        return ops().flatMap(op -> ROLES.entrySet().stream().map(role -> {
            Entry e = matrix.get(op.key());
            Identity id = role.getValue();
            boolean allowed = e.isPublic() || e.roles().stream().anyMatch(id.roles()::contains);
            return dynamicTest(op.key() + " · role " + role.getKey() + " → " + (allowed ? "allowed" : "403"), () -> {
                Map<String, String> params = missing(id.account() == null ? ADMIN_ACCOUNT : id.account());
                Reply r = call(op, id.token(), params, e);
                e.assertAnswer(allowed, r.status(), describe(op, id.name(), r));
                assertClean(op, r, visible(id), requestText(op, params, e));
            });
        }));
    }

    @TestFactory
    @Order(4)
    Stream<DynamicTest> anotherTenantsResourcesAreAnsweredLikeMissingOnes() {
        List<DynamicTest> tests = new ArrayList<>();
        List<DynamicTest> last = new ArrayList<>();
        ops().filter(op -> matrix.get(op.key()).owned()).forEach(op -> {
            Entry e = matrix.get(op.key());
            Identity admin = ROLES.get("admin");
            Identity other = new Identity(ADMIN_333, Set.of("admin", "analyst"), OTHER_ACCOUNT);
            Identity member = new Identity(ADMIN_222, Set.of("admin", "analyst"), MEMBER_ACCOUNT);
            likeMissing(tests, op, e, "administrator on its enabled member's resources", admin, target(MEMBER_ACCOUNT),
                    missing(ADMIN_ACCOUNT));
            likeMissing(tests, op, e, "administrator on a non-member's resources", admin, target(OTHER_ACCOUNT),
                    missing(ADMIN_ACCOUNT));
            likeMissing(tests, op, e, "another tenant's administrator on 111111111111's resources", other,
                    target(ADMIN_ACCOUNT), missing(OTHER_ACCOUNT));
            likeMissing(tests, op, e, "the enabled member on its administrator's resources", member, target(ADMIN_ACCOUNT),
                    missing(MEMBER_ACCOUNT));
            if (op.params().stream().anyMatch(p -> RESOURCE_PARAMS.containsKey(p) && !p.equals("detectorId"))) {
                Map<String, String> foreignChild = target(OTHER_ACCOUNT);
                Map<String, String> missingChild = missing(ADMIN_ACCOUNT);
                foreignChild.put("detector", FIXTURES.get(ADMIN_ACCOUNT).get("detector"));
                missingChild.put("detector", FIXTURES.get(ADMIN_ACCOUNT).get("detector"));
                likeMissing(tests, op, e, "own detector with another tenant's sub-resource", admin, foreignChild,
                        missingChild);
            }
            (e.ownLast() ? last : tests).add(dynamicTest(op.key() + " · owner → "
                    + (e.own() == null ? "skipped" : e.own()), () -> {
                Assumptions.assumeTrue(e.own() != null, () -> "owner case skipped: " + e.skip());
                Map<String, String> params = target(ADMIN_ACCOUNT);
                if (e.ownLast()) {
                    Assumptions.assumeTrue(op.params().stream().filter(p -> RESOURCE_PARAMS.containsKey(p)
                            && !p.equals("detectorId")).allMatch(p -> OURS.contains(param(p, params))),
                            "the resource this call deletes was not created by this test");
                }
                Reply r = call(op, admin.token(), params, e);
                assertThat(r.status()).as(describe(op, "admin-111 on its own resources", r)).isEqualTo(e.own());
                assertClean(op, r, visible(admin), requestText(op, params, e));
            }));
        });
        tests.addAll(last);
        tests.add(dynamicTest("the other tenants' resources are all still there", () -> {
            for (String account : List.of(MEMBER_ACCOUNT, OTHER_ACCOUNT)) {
                String user = account.equals(MEMBER_ACCOUNT) ? ADMIN_222 : ADMIN_333;
                Map<String, String> f = FIXTURES.get(account);
                as(user, "accounts").get("/detector/" + f.get("detector")).then().statusCode(200);
                if (f.containsKey("ipset")) {
                    as(user, "accounts").get("/detector/" + f.get("detector") + "/ipset/" + f.get("ipset")).then()
                            .statusCode(200);
                    as(user, "accounts").get("/detector/" + f.get("detector") + "/threatintelset/" + f.get("threat"))
                            .then().statusCode(200);
                    as(user, "accounts").get("/detector/" + f.get("detector") + "/threatentityset/" + f.get("tentity"))
                            .then().statusCode(200);
                    as(user, "accounts").get("/detector/" + f.get("detector") + "/trustedentityset/" + f.get("trentity"))
                            .then().statusCode(200);
                }
                as(user, "accounts").get("/detector/" + f.get("detector") + "/logsource/" + f.get("logsource")).then()
                        .statusCode(200);
                as(user, "findings").get("/detector/" + f.get("detector") + "/filter/" + f.get("filter")).then()
                        .statusCode(200);
                as(user, "findings").get("/detector/" + f.get("detector") + "/publishingDestination/"
                        + f.get("destination")).then().statusCode(200);
                assertThat(GuardDutyApi.getFindings(user, f.get("detector"), List.of(f.get("finding")))).hasSize(1);
            }
        }));
        return tests.stream();
    }

    @TestFactory
    @Order(5)
    Stream<DynamicTest> ingestWritesOnlyForTheCallersAccount() {
        Identity ingest = ROLES.get("ingest");
        return ops().filter(op -> matrix.get(op.key()).record() != null).flatMap(op -> Stream.of(
                dynamicTest(op.key() + " · ingest-111 with a record of its own account → accepted", () -> {
                    Reply r = ingest(op, ingest, ADMIN_ACCOUNT);
                    assertThat(r.status()).as(describe(op, ingest.name(), r)).isEqualTo(200);
                    assertThat(JSON.readTree(r.body()).path("accepted").asInt()).as(describe(op, ingest.name(), r))
                            .isEqualTo(1);
                }),
                dynamicTest(op.key() + " · ingest-111 with a record of another tenant → refused like a missing one",
                        () -> {
                    Reply f = ingest(op, ingest, OTHER_ACCOUNT);
                    Reply m = ingest(op, ingest, "999999999999");
                    assertThat(f.status()).as(describe(op, ingest.name(), f)).isEqualTo(200);
                    assertThat(JSON.readTree(f.body()).path("accepted").asInt()).as(describe(op, ingest.name(), f))
                            .isZero();
                    assertThat(f.body().replace(OTHER_ACCOUNT, "{account}")).as(describe(op, ingest.name()
                            + ": differs from a never-existing account's " + m.body(), f))
                            .isEqualTo(m.body().replace("999999999999", "{account}"));
                    assertClean(op, f, Set.of(ADMIN_ACCOUNT), OTHER_ACCOUNT);
                })));
    }

    /** Posts the entry's sample record of {@code account} (fresh time and event ID) to ingest {@code op}. */
    private static Reply ingest(Op op, Identity caller, String account) {
        Entry e = matrix.get(op.key());
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String record = e.record().replace("${account}", account).replace("${iso}", now.toString())
                .replace("${epoch}", String.valueOf(now.getEpochSecond()))
                .replace("${epochMinus60}", String.valueOf(now.getEpochSecond() - 60))
                .replace("${uuid}", UUID.randomUUID().toString());
        var r = given().baseUri(Stack.url(op.service())).auth().oauth2(caller.token()).accept(ContentType.JSON)
                .contentType(e.recordJson() ? ContentType.JSON : ContentType.TEXT).body(record)
                .request(Method.valueOf(op.method()), op.path());
        REQUESTS.incrementAndGet();
        return new Reply(r.statusCode(), r.asString());
    }

    private static void likeMissing(List<DynamicTest> tests, Op op, Entry e, String caseName, Identity caller,
            Map<String, String> foreign, Map<String, String> missing) {
        tests.add(dynamicTest(op.key() + " · " + caseName + " → like a missing one", () -> {
            Reply f = call(op, caller.token(), foreign, e);
            Reply m = call(op, caller.token(), missing, e);
            assertThat(m.status()).as(describe(op, caller.name() + " on a missing resource", m)).isBetween(400, 499);
            assertThat(f.status()).as(describe(op, caller.name() + ", " + caseName, f)).isEqualTo(m.status());
            assertThat(mask(f.body(), foreign)).as(describe(op, caller.name() + ", " + caseName
                    + ": body differs from the missing resource's " + m.body(), f)).isEqualTo(mask(m.body(), missing));
            assertClean(op, f, visible(caller), requestText(op, foreign, e));
            assertClean(op, m, visible(caller), requestText(op, missing, e));
        }));
    }

    /**
     * SigV4 callers are exactly their Keycloak principals: with credentials from Vigil's STS, each role gets what the
     * matrix allows it, another tenant's administrator gets 111111111111's resources answered like missing ones, and
     * a session token no stack issued is refused (403 UnrecognizedClientException) on every operation.
     */
    @TestFactory
    @Order(6)
    Stream<DynamicTest> sigV4CallersGetExactlyWhatTheirPrincipalsGet() {
        Identity other = new Identity(ADMIN_333, Set.of("admin", "analyst"), OTHER_ACCOUNT);
        return ops().filter(op -> Set.of("accounts", "findings", "ingest").contains(op.service())).flatMap(op -> {
            Entry e = matrix.get(op.key());
            List<DynamicTest> tests = new ArrayList<>();
            ROLES.values().stream().filter(id -> id.account() != null).forEach(id -> tests.add(dynamicTest(
                    op.key() + " · SigV4 " + id.name(), () -> {
                        boolean allowed = e.isPublic() || e.roles().stream().anyMatch(id.roles()::contains);
                        Map<String, String> params = missing(id.account());
                        Reply r = sigv4(op, SigV4Caller.credentials(id.name(), id.account()), params, e);
                        e.assertAnswer(allowed, r.status(), describe(op, id.name() + " (SigV4)", r));
                        assertClean(op, r, visible(id), requestText(op, params, e));
                    })));
            if (e.owned()) {
                tests.add(dynamicTest(op.key() + " · SigV4 another tenant's administrator → like a missing one", () -> {
                    var c = SigV4Caller.credentials(other.name(), other.account());
                    Map<String, String> foreign = target(ADMIN_ACCOUNT);
                    Map<String, String> missing = missing(OTHER_ACCOUNT);
                    Reply f = sigv4(op, c, foreign, e);
                    Reply m = sigv4(op, c, missing, e);
                    assertThat(m.status()).as(describe(op, "admin-333 (SigV4) on a missing resource", m)).isBetween(400, 499);
                    assertThat(f.status()).as(describe(op, "admin-333 (SigV4) on 111111111111's", f)).isEqualTo(m.status());
                    assertThat(mask(f.body(), foreign)).isEqualTo(mask(m.body(), missing));
                    assertClean(op, f, visible(other), requestText(op, foreign, e));
                }));
            }
            if (!e.isPublic()) {
                tests.add(dynamicTest(op.key() + " · SigV4 with a session token no stack issued → 403", () -> {
                    Reply r = sigv4(op, SigV4Caller.UNKNOWN, missing(ADMIN_ACCOUNT), e);
                    assertThat(r.status()).as(describe(op, "unknown key", r)).isEqualTo(403);
                    assertThat(r.body()).contains("UnrecognizedClientException");
                }));
            }
            return tests.stream();
        });
    }

    /**
     * Long-lived access keys (IAM's CreateAccessKey on accounts-service) are their principals too: analyst-111's
     * Active key gets exactly what the analyst role gets; admin-222's deactivated (Inactive, revoked) key is refused
     * on every operation that needs a caller, 403 UnrecognizedClientException, as AWS refuses a deactivated key.
     */
    @TestFactory
    @Order(7)
    Stream<DynamicTest> longLivedKeysGetWhatTheirPrincipalsGetUntilRevoked() {
        Identity analyst = ROLES.get("analyst");
        var active = SigV4Caller.longLivedKey(analyst.name(), "Active");
        var revoked = SigV4Caller.longLivedKey(ADMIN_222, "Inactive");
        // every service learns keys from topic vigil.access-keys.v1: wait until findings and ingest know the revocation
        for (String service : List.of("findings", "ingest")) {
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250)).until(() -> SigV4Caller.call(
                    revoked, Stack.url(service), "GET", "/detector", null, null).body()
                    .contains("UnrecognizedClientException"));
        }
        return ops().filter(op -> Set.of("accounts", "findings", "ingest").contains(op.service())).flatMap(op -> {
            Entry e = matrix.get(op.key());
            List<DynamicTest> tests = new ArrayList<>();
            tests.add(dynamicTest(op.key() + " · long-lived key of " + analyst.name(), () -> {
                boolean allowed = e.isPublic() || e.roles().stream().anyMatch(analyst.roles()::contains);
                Map<String, String> params = missing(analyst.account());
                Reply r = sigv4(op, active, params, e);
                e.assertAnswer(allowed, r.status(), describe(op, analyst.name() + " (long-lived key)", r));
                if (!allowed) {
                    assertThat(r.body()).doesNotContain("UnrecognizedClientException");
                }
                assertClean(op, r, visible(analyst), requestText(op, params, e));
            }));
            if (!e.isPublic()) {
                tests.add(dynamicTest(op.key() + " · revoked (Inactive) long-lived key → 403", () -> {
                    Reply r = sigv4(op, revoked, missing(MEMBER_ACCOUNT), e);
                    assertThat(r.status()).as(describe(op, "revoked key", r)).isEqualTo(403);
                    assertThat(r.body()).contains("UnrecognizedClientException");
                }));
            }
            return tests.stream();
        });
    }

    private static Reply sigv4(Op op, software.amazon.awssdk.auth.credentials.AwsCredentials c,
            Map<String, String> params, Entry e) {
        String b = body(e, params);
        SigV4Caller.Answer a = SigV4Caller.call(c, Stack.url(op.service()), op.method(), fill(op, params),
                e.text() != null ? "text/plain" : "application/json", b);
        REQUESTS.incrementAndGet();
        return new Reply(a.status(), a.body());
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    /** The operations of the matrix that the services publish, in matrix order. */
    private static Stream<Op> ops() {
        return matrix.keySet().stream().filter(live::containsKey).map(live::get);
    }

    private static void waitUntil(Instant t) throws InterruptedException {
        long ms = Duration.between(Instant.now(), t).toMillis();
        if (ms > 0) {
            Thread.sleep(ms);
        }
    }

    /**
     * {@code account}'s fixtures by kind (detector, ipset, threat, filter, destination, finding) and the account; a
     * kind the account cannot have (a member's IPSet) is a missing one.
     */
    private static Map<String, String> target(String account) {
        Map<String, String> out = missing(account);
        out.putAll(FIXTURES.get(account));
        return out;
    }

    /** Resources that do not exist (fresh random IDs of the right shape), for {@code account}'s requests. */
    private static Map<String, String> missing(String account) {
        Map<String, String> out = new HashMap<>();
        for (String kind : RESOURCE_PARAMS.values()) {
            out.put(kind, kind.equals("filter") ? "vigil-matrix-missing-" + hex().substring(0, 8) : hex());
        }
        out.put("account", account);
        return out;
    }

    /** Path parameter {@code param} of a request on {@code target}. */
    private static String param(String param, Map<String, String> target) {
        String kind = RESOURCE_PARAMS.get(param);
        if (kind != null) {
            return target.get(kind);
        }
        return switch (param) {
            case "format" -> "asff";
            case "accountId" -> target.get("account");
            case "slash" -> ""; // IAM's endpoint, /iam or /iam/
            default -> throw new IllegalStateException("the matrix test cannot fill path parameter {" + param
                    + "}: add it to RESOURCE_PARAMS or param()");
        };
    }

    private static String hex() {
        byte[] b = new byte[16];
        ThreadLocalRandom.current().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** The path and query of {@code op} on {@code target}: path parameters filled, the entry's query appended. */
    private static String fill(Op op, Map<String, String> target) {
        Matcher m = PARAM.matcher(op.path());
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = m.group(1).equals("resourceArn") ? resourceArn(op.service(), target) : param(m.group(1), target);
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        Entry e = matrix.get(op.key());
        return out + (e == null || e.query() == null ? "" : e.query());
    }

    /**
     * The ARN a tag operation of {@code service} names on {@code target}, percent-encoded as the AWS CLI sends it: its
     * detector on accounts-service, its filter on findings-service (the resources each owns).
     */
    private static String resourceArn(String service, Map<String, String> target) {
        String arn = "arn:aws:guardduty:us-east-1:" + target.get("account") + ":detector/" + target.get("detector")
                + (service.equals("findings") ? "/filter/" + target.get("filter") : "");
        return java.net.URLEncoder.encode(arn, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String body(Entry e, Map<String, String> params) {
        if (e == null || e.body() == null && e.text() == null) {
            return null;
        }
        String b = e.body() != null ? e.body() : e.text();
        for (var p : params.entrySet()) {
            b = b.replace("${" + p.getKey() + "}", p.getValue());
        }
        for (var f : FIXTURES.get(ADMIN_ACCOUNT).entrySet()) {
            b = b.replace("${own." + f.getKey() + "}", f.getValue());
        }
        return b;
    }

    private static String requestText(Op op, Map<String, String> params, Entry e) {
        return fill(op, params) + " " + body(e == null ? matrix.get(op.key()) : e, params);
    }

    private static Reply call(Op op, String token, Map<String, String> params, Entry e) {
        return call(op, token, params, e, null);
    }

    /** {@code op} on {@code params}; {@code contentType} (if not null) replaces the entry's body by a one-byte one. */
    private static Reply call(Op op, String token, Map<String, String> params, Entry e, String contentType) {
        Entry entry = e != null ? e : matrix.get(op.key());
        RequestSpecification req = given().baseUri(Stack.url(op.service())).urlEncodingEnabled(false)
                .accept(ContentType.JSON);
        if (token != null) {
            req = req.auth().oauth2(token);
        }
        String b = body(entry, params);
        if (contentType != null) {
            req = req.contentType(contentType).body("x");
        } else if (b != null) {
            req = req.contentType(entry.text() != null ? ContentType.TEXT : ContentType.JSON).body(b);
        }
        var r = req.request(Method.valueOf(op.method()), fill(op, params));
        REQUESTS.incrementAndGet();
        return new Reply(r.statusCode(), r.asString());
    }

    /**
     * Account IDs whose data {@code id} may see: its own and its administrator's or members' (111111111111 and
     * 222222222222 see each other); a {@code service} client sees every account; a client without an account none.
     */
    private static Set<String> visible(Identity id) {
        if (id.roles().contains("service")) {
            return Set.of(ADMIN_ACCOUNT, MEMBER_ACCOUNT, OTHER_ACCOUNT);
        }
        if (id.account() == null) {
            return Set.of();
        }
        return id.account().equals(ADMIN_ACCOUNT) || id.account().equals(MEMBER_ACCOUNT) ? Set.of(ADMIN_ACCOUNT, MEMBER_ACCOUNT) : Set.of(id.account());
    }

    /**
     * No 5xx, no stack trace or Java class name, and no ID (account or resource) of an account outside
     * {@code visible} unless the request named it.
     */
    private static void assertClean(Op op, Reply r, Set<String> visible, String request) {
        assertThat(r.status()).as(describe(op, "server error", r)).isLessThan(500);
        Matcher internals = JAVA_INTERNALS.matcher(r.body());
        assertThat(internals.find()).as(describe(op, "Java internals in the body", r)).isFalse();
        Matcher ex = EXCEPTION.matcher(r.body());
        while (ex.find()) {
            assertThat(ERROR_TYPES).as(describe(op, "a Java exception name in the body: " + ex.group(), r))
                    .contains(ex.group());
        }
        for (String account : List.of(ADMIN_ACCOUNT, MEMBER_ACCOUNT, OTHER_ACCOUNT)) {
            if (visible.contains(account)) {
                continue;
            }
            List<String> ids = new ArrayList<>();
            ids.add(account);
            ids.addAll(FIXTURES.getOrDefault(account, Map.of()).values().stream()
                    .filter(v -> !v.startsWith("vigil-matrix")).toList());
            for (String id : ids) {
                if (!request.contains(id)) {
                    assertThat(r.body()).as(describe(op, "an ID of account " + account + " leaked", r))
                            .doesNotContain(id);
                }
            }
        }
    }

    /** {@code body} with the IDs of {@code target} replaced by their kinds. */
    private static String mask(String body, Map<String, String> target) {
        String out = body;
        for (var p : target.entrySet()) {
            if (!p.getKey().equals("account")) {
                out = out.replace(p.getValue(), "{" + p.getKey() + "}");
            }
        }
        return out;
    }

    private static String describe(Op op, String who, Reply r) {
        String b = r.body().length() > 400 ? r.body().substring(0, 400) + "..." : r.body();
        return op.key() + " as " + who + ": HTTP " + r.status() + " " + b;
    }
}
