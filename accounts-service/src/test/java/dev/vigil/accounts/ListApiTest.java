package dev.vigil.accounts;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.events.ThreatListState;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * IPSets and ThreatIntelSets over HTTP: limits, status machine, content from a real local HTTP server and from
 * uploads, members inheriting their administrator's lists, and the ThreatListState published for each account.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ListApiTest {

    static final String A = "111111111111";
    static final String B = "222222222222";
    static HttpServer files;
    static String base;
    static String adminDetector;
    static String memberDetector;
    static String ipSet;
    static String threatSet;

    @Inject
    @Any
    InMemoryConnector connector;

    @BeforeAll
    static void start() throws Exception {
        TestDb.clean();
        files = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        files.createContext("/trusted.txt", ex -> {
            byte[] body = "# office\n198.51.100.0/24\n203.0.113.9\nbogus\n".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        files.createContext("/big.txt", ex -> {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 2001; i++) {
                sb.append("10.0.").append(i / 250).append('.').append(i % 250).append('\n');
            }
            byte[] body = sb.toString().getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        files.start();
        base = "http://127.0.0.1:" + files.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        files.stop(0);
    }

    /** Waits until the list at {@code path} has {@code status} (fetches run in the background). */
    static void awaitStatus(String path, String status) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .until(() -> status.equals(given().get(path).then().statusCode(200).extract().path("status")));
    }

    static ValidatableResponse post(String path, String body) {
        return given().contentType(ContentType.JSON).body(body).post(path).then();
    }

    ThreatListState lastLists(String account) {
        InMemorySink<ThreatListState> sink = connector.sink("threat-lists-out");
        List<ThreatListState> l = sink.received().stream().map(Message::getPayload).filter(s -> s.accountId().equals(account)).toList();
        assertThat(l).as("lists sent for " + account).isNotEmpty();
        return l.get(l.size() - 1);
    }

    @Test
    @Order(1)
    @TestSecurity(user = "admin-222", roles = {"admin"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = B))
    void memberDetector() {
        memberDetector = post("/detector", "{\"enable\":true}").statusCode(200).extract().path("detectorId");
    }

    @Test
    @Order(2)
    @TestSecurity(user = "admin-111", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = A))
    void administratorInvites() {
        adminDetector = post("/detector", "{\"enable\":true}").statusCode(200).extract().path("detectorId");
        post("/detector/" + adminDetector + "/member", "{\"accountDetails\":[{\"accountId\":\"" + B + "\",\"email\":\"b@example.com\"}]}").statusCode(200);
        post("/detector/" + adminDetector + "/member/invite", "{\"accountIds\":[\"" + B + "\"]}").statusCode(200);
    }

    @Test
    @Order(3)
    @TestSecurity(user = "admin-222", roles = {"admin"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = B))
    void memberAccepts() {
        String inv = given().get("/invitation").then().extract().path("invitations[0].invitationId");
        post("/detector/" + memberDetector + "/administrator", "{\"administratorId\":\"" + A + "\",\"invitationId\":\"" + inv + "\"}").statusCode(200);
        // members cannot manage lists
        post("/detector/" + memberDetector + "/ipset", "{\"name\":\"x\",\"format\":\"TXT\",\"location\":\"vigil://upload\",\"activate\":true}")
                .statusCode(400).body("message", startsWith("The request is rejected because a member account cannot"));
    }

    @Test
    @Order(4)
    @TestSecurity(user = "admin-111", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = A))
    void administratorListsApplyToMembers() {
        // fetched from a location
        ipSet = post("/detector/" + adminDetector + "/ipset", "{\"name\":\"offices\",\"format\":\"TXT\",\"location\":\"" + base
                + "/trusted.txt\",\"activate\":true,\"tags\":{\"k\":\"v\"}}").statusCode(200).extract().path("ipSetId");
        // fetched in the background (issue 23, defect 5): ACTIVATING, then ACTIVE
        awaitStatus("/detector/" + adminDetector + "/ipset/" + ipSet, "ACTIVE");
        given().get("/detector/" + adminDetector + "/ipset/" + ipSet).then().statusCode(200)
                .body("name", equalTo("offices")).body("format", equalTo("TXT")).body("status", equalTo("ACTIVE"))
                .body("tags.k", equalTo("v")).body("vigilEntryCount", equalTo(2)).body("vigilRejectedEntries", hasSize(1));
        // limit: 1 IPSet per account and region
        post("/detector/" + adminDetector + "/ipset", "{\"name\":\"second\",\"format\":\"TXT\",\"location\":\"vigil://upload\",\"activate\":true}")
                .statusCode(400).body("message", org.hamcrest.Matchers.containsString("limit of 1 IPSet"));
        // uploaded threat list: ACTIVATING until the upload arrives
        threatSet = post("/detector/" + adminDetector + "/threatintelset", "{\"name\":\"bad\",\"format\":\"TXT\",\"location\":\"vigil://upload/bad\",\"activate\":true}")
                .statusCode(200).extract().path("threatIntelSetId");
        given().get("/detector/" + adminDetector + "/threatintelset/" + threatSet).then().body("status", equalTo("ACTIVATING"));
        given().contentType("text/plain").body("192.0.2.66\nevil.example.com\n").put("/detector/" + adminDetector + "/threatintelset/" + threatSet + "/content")
                .then().statusCode(200);
        given().get("/detector/" + adminDetector + "/threatintelset/" + threatSet).then().body("status", equalTo("ACTIVE"));
        given().get("/detector/" + adminDetector + "/threatintelset").then().body("threatIntelSetIds", equalTo(List.of(threatSet)));
        given().get("/detector/" + adminDetector + "/ipset").then().body("ipSetIds", equalTo(List.of(ipSet)));
        // upload to a list whose content comes from a URL is refused
        given().contentType("text/plain").body("192.0.2.1\n").put("/detector/" + adminDetector + "/ipset/" + ipSet + "/content").then().statusCode(400);

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> lastLists(A).trusted().size() == 1 && lastLists(A).threats().size() == 1);
        ThreatListState mine = lastLists(A);
        assertThat(mine.trusted()).singleElement().satisfies(l -> assertThat(l.cidrs()).containsExactly("198.51.100.0/24", "203.0.113.9"));
        assertThat(mine.threats()).singleElement().satisfies(l -> {
            assertThat(l.cidrs()).containsExactly("192.0.2.66");
            assertThat(l.domains()).containsExactly("evil.example.com");
            assertThat(l.ownerAccountId()).isEqualTo(A);
        });
        ThreatListState member = lastLists(B);
        assertThat(member.threats()).extracting(ThreatListState.ListContent::listId).containsExactly(threatSet);
        assertThat(member.trusted()).extracting(ThreatListState.ListContent::listId).containsExactly(ipSet);

        // deactivate: no longer effective for anyone
        post("/detector/" + adminDetector + "/threatintelset/" + threatSet, "{\"activate\":false}").statusCode(200);
        given().get("/detector/" + adminDetector + "/threatintelset/" + threatSet).then().body("status", equalTo("INACTIVE"));
        assertThat(lastLists(B).threats()).isEmpty();
        assertThat(lastLists(A).threats()).isEmpty();
        post("/detector/" + adminDetector + "/threatintelset/" + threatSet, "{\"activate\":true,\"name\":\"bad2\"}").statusCode(200);
        given().get("/detector/" + adminDetector + "/threatintelset/" + threatSet).then().body("status", equalTo("ACTIVE")).body("name", equalTo("bad2"));
    }

    @Test
    @Order(5)
    @TestSecurity(user = "admin-111", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = A))
    void failuresGoToErrorWithAReason() {
        String missing = post("/detector/" + adminDetector + "/threatintelset", "{\"name\":\"gone\",\"format\":\"TXT\",\"location\":\"" + base
                + "/missing.txt\",\"activate\":true}").statusCode(200).extract().path("threatIntelSetId");
        awaitStatus("/detector/" + adminDetector + "/threatintelset/" + missing, "ERROR");
        given().get("/detector/" + adminDetector + "/threatintelset/" + missing).then().body("status", equalTo("ERROR"))
                .body("vigilStatusReason", equalTo("fetching the location failed with HTTP status 404"));
        // too many entries for a trusted list: move the IPSet to a 2,001-entry file
        post("/detector/" + adminDetector + "/ipset/" + ipSet, "{\"location\":\"" + base + "/big.txt\"}").statusCode(200);
        awaitStatus("/detector/" + adminDetector + "/ipset/" + ipSet, "ERROR");
        given().get("/detector/" + adminDetector + "/ipset/" + ipSet).then().body("status", equalTo("ERROR"))
                .body("vigilStatusReason", equalTo("the list has 2001 entries; the limit is 2000"));
        assertThat(lastLists(B).trusted()).isEmpty();
        // invalid input
        post("/detector/" + adminDetector + "/threatintelset", "{\"name\":\"x\",\"format\":\"XML\",\"location\":\"vigil://upload\",\"activate\":true}").statusCode(400);
        post("/detector/" + adminDetector + "/threatintelset", "{\"name\":\"x\",\"format\":\"TXT\",\"location\":\"ftp://x\",\"activate\":true}").statusCode(400);
        post("/detector/" + adminDetector + "/threatintelset", "{\"name\":\"x\",\"format\":\"TXT\",\"location\":\"vigil://upload\"}").statusCode(400);
        // up to 6 threat lists
        for (int i = 0; i < 4; i++) {
            post("/detector/" + adminDetector + "/threatintelset", "{\"name\":\"t" + i + "\",\"format\":\"TXT\",\"location\":\"vigil://upload\",\"activate\":false}").statusCode(200);
        }
        post("/detector/" + adminDetector + "/threatintelset", "{\"name\":\"t7\",\"format\":\"TXT\",\"location\":\"vigil://upload\",\"activate\":false}").statusCode(400);
        // delete
        given().delete("/detector/" + adminDetector + "/threatintelset/" + missing).then().statusCode(200);
        given().get("/detector/" + adminDetector + "/threatintelset/" + missing).then().statusCode(400);
        given().delete("/detector/" + adminDetector + "/threatintelset/" + threatSet).then().statusCode(200);
        assertThat(lastLists(B).threats()).isEmpty();
    }

    @Test
    @Order(6)
    @TestSecurity(user = "admin-333", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = "333333333333"))
    void anotherTenantSeesNothing() {
        String other = post("/detector", "{\"enable\":true}").statusCode(200).extract().path("detectorId");
        String missing = given().get("/detector/" + other + "/ipset/" + "0".repeat(32)).then().statusCode(400).extract().asString();
        given().get("/detector/" + other + "/ipset/" + ipSet).then().statusCode(400).body(equalTo(missing));
        given().get("/detector/" + adminDetector + "/ipset/" + ipSet).then().statusCode(400);
    }
}
