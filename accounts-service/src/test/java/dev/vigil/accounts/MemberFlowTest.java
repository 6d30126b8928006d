package dev.vigil.accounts;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import dev.vigil.events.AccountState;
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
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The administrator/member life cycle over HTTP, step by step as different accounts (each step is one test method
 * with its own identity, run in order): the demo flow (111 invites 222, 222 accepts) and every illegal transition.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MemberFlowTest {

    static final String A = "111111111111";
    static final String B = "222222222222";
    static final String C = "333333333333";
    static String adminDetector;
    static String memberDetector;
    static String otherDetector;
    static String invitationId;

    @Inject
    @Any
    InMemoryConnector connector;

    @BeforeAll
    static void clean() {
        TestDb.clean();
    }

    static ValidatableResponse post(String path, String body) {
        return given().contentType(ContentType.JSON).body(body).post(path).then();
    }

    static AccountState lastState(InMemorySink<AccountState> sink, String account) {
        List<AccountState> states = sink.received().stream().map(Message::getPayload).filter(s -> s.accountId().equals(account)).toList();
        assertThat(states).as("states sent for " + account).isNotEmpty();
        return states.get(states.size() - 1);
    }

    @Test
    @Order(1)
    @TestSecurity(user = "admin-222", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = B))
    void memberHasNoInvitationsYet() {
        given().get("/invitation").then().statusCode(200).body("invitations", hasSize(0));
        given().get("/invitation/count").then().statusCode(200).body("invitationsCount", equalTo(0));
        memberDetector = post("/detector", "{\"enable\":true}").statusCode(200).extract().path("detectorId");
    }

    @Test
    @Order(2)
    @TestSecurity(user = "admin-333", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = C))
    void unrelatedTenantHasADetector() {
        otherDetector = post("/detector", "{\"enable\":true}").statusCode(200).extract().path("detectorId");
    }

    @Test
    @Order(3)
    @TestSecurity(user = "admin-111", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = A))
    void administratorCreatesAndInvites() {
        adminDetector = post("/detector", "{\"enable\":true}").statusCode(200).extract().path("detectorId");
        // another tenant's detector ID is answered exactly like a missing one
        String missing = post("/detector/" + "f".repeat(32) + "/member", "{\"accountDetails\":[{\"accountId\":\"" + B + "\",\"email\":\"b@example.com\"}]}")
                .statusCode(400).extract().asString();
        post("/detector/" + otherDetector + "/member", "{\"accountDetails\":[{\"accountId\":\"" + B + "\",\"email\":\"b@example.com\"}]}")
                .statusCode(400).body(equalTo(missing));

        post("/detector/" + adminDetector + "/member", "{\"accountDetails\":["
                + "{\"accountId\":\"" + B + "\",\"email\":\"b@example.com\"},"
                + "{\"accountId\":\"" + A + "\",\"email\":\"self@example.com\"},"
                + "{\"accountId\":\"12345\",\"email\":\"x@example.com\"},"
                + "{\"accountId\":\"444444444444\",\"email\":\"not-an-email\"}]}")
                .statusCode(200)
                .body("unprocessedAccounts.accountId", equalTo(List.of(A, "12345", "444444444444")));
        // creating the same member again is a per-account failure
        post("/detector/" + adminDetector + "/member", "{\"accountDetails\":[{\"accountId\":\"" + B + "\",\"email\":\"b@example.com\"}]}")
                .statusCode(200).body("unprocessedAccounts", hasSize(1));
        // 1 to 50 per call
        post("/detector/" + adminDetector + "/member", "{\"accountDetails\":[]}").statusCode(400).body("__type", equalTo("BadRequestException"));

        post("/detector/" + adminDetector + "/member/get", "{\"accountIds\":[\"" + B + "\",\"" + C + "\"]}").statusCode(200)
                .body("members[0].relationshipStatus", equalTo("Created"))
                .body("members[0].email", equalTo("b@example.com"))
                .body("members[0].administratorId", equalTo(A))
                .body("members[0].masterId", equalTo(A))
                // issue 23, defect 3: no detector ID of an account that has not accepted
                .body("members[0].detectorId", nullValue())
                .body("unprocessedAccounts[0].accountId", equalTo(C));
        // only associated members by default
        given().get("/detector/" + adminDetector + "/member").then().statusCode(200).body("members", hasSize(0));
        given().get("/detector/" + adminDetector + "/member?onlyAssociated=false").then().body("members.accountId", equalTo(List.of(B)))
                .body("members[0].detectorId", nullValue());
        // start monitoring a member that never accepted is refused per account
        post("/detector/" + adminDetector + "/member/start", "{\"accountIds\":[\"" + B + "\"]}").statusCode(200)
                .body("unprocessedAccounts[0].accountId", equalTo(B));

        post("/detector/" + adminDetector + "/member/invite", "{\"accountIds\":[\"" + B + "\",\"" + C + "\"],\"message\":\"join us\",\"disableEmailNotification\":true}")
                .statusCode(200).body("unprocessedAccounts.accountId", equalTo(List.of(C)));
        post("/detector/" + adminDetector + "/member/get", "{\"accountIds\":[\"" + B + "\"]}")
                .body("members[0].relationshipStatus", equalTo("Invited"));
        InMemorySink<AccountState> sink = connector.sink("accounts-state-out");
        assertThat(lastState(sink, A).members()).containsExactly(new AccountState.Relationship(B, "Invited"));
    }

    @Test
    @Order(4)
    @TestSecurity(user = "admin-222", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = B))
    void memberAccepts() {
        given().get("/invitation/count").then().body("invitationsCount", equalTo(1));
        invitationId = given().get("/invitation").then().statusCode(200)
                .body("invitations[0].accountId", equalTo(A))
                .body("invitations[0].relationshipStatus", equalTo("Invited"))
                .extract().path("invitations[0].invitationId");
        // wrong invitation ID, wrong administrator, another tenant's detector: all refused
        post("/detector/" + memberDetector + "/administrator", "{\"administratorId\":\"" + A + "\",\"invitationId\":\"nope\"}").statusCode(400);
        post("/detector/" + memberDetector + "/administrator", "{\"administratorId\":\"" + C + "\",\"invitationId\":\"" + invitationId + "\"}").statusCode(400);
        post("/detector/" + otherDetector + "/administrator", "{\"administratorId\":\"" + A + "\",\"invitationId\":\"" + invitationId + "\"}").statusCode(400)
                .body("message", equalTo("The request is rejected because the input detectorId is not owned by the current account."));
        given().get("/detector/" + memberDetector + "/administrator").then().statusCode(200).body("administrator", nullValue());

        post("/detector/" + memberDetector + "/administrator", "{\"administratorId\":\"" + A + "\",\"invitationId\":\"" + invitationId + "\"}").statusCode(200);
        given().get("/detector/" + memberDetector + "/administrator").then().statusCode(200)
                .body("administrator.accountId", equalTo(A)).body("administrator.relationshipStatus", equalTo("Enabled"));
        given().get("/detector/" + memberDetector + "/master").then().body("master.accountId", equalTo(A));
        given().get("/invitation/count").then().body("invitationsCount", equalTo(0));
        // accepting twice: already has an administrator
        post("/detector/" + memberDetector + "/administrator", "{\"administratorId\":\"" + A + "\",\"invitationId\":\"" + invitationId + "\"}").statusCode(400);
        // a member cannot administer members; an accepted invitation cannot be deleted
        post("/detector/" + memberDetector + "/member", "{\"accountDetails\":[{\"accountId\":\"" + C + "\",\"email\":\"c@example.com\"}]}").statusCode(400);
        post("/invitation/delete", "{\"accountIds\":[\"" + A + "\"]}").statusCode(200).body("unprocessedAccounts[0].accountId", equalTo(A));
        // a member cannot delete its detector while associated
        given().delete("/detector/" + memberDetector).then().statusCode(400);

        InMemorySink<AccountState> sink = connector.sink("accounts-state-out");
        assertThat(lastState(sink, A).members()).containsExactly(new AccountState.Relationship(B, "Enabled"));
        assertThat(lastState(sink, A).enabledMembers()).containsExactly(B);
        assertThat(lastState(sink, B).administrator()).isEqualTo(new AccountState.Relationship(A, "Enabled"));
    }

    @Test
    @Order(5)
    @TestSecurity(user = "admin-111", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = A))
    void administratorMonitorsAndStops() {
        given().get("/detector/" + adminDetector + "/member").then().body("members.accountId", equalTo(List.of(B)))
                .body("members[0].relationshipStatus", equalTo("Enabled"))
                // accepted: now the member's detector ID is shown
                .body("members[0].detectorId", equalTo(memberDetector));
        post("/detector/" + adminDetector + "/member/detector/get", "{\"accountIds\":[\"" + B + "\",\"" + C + "\"]}").statusCode(200)
                .body("members[0].accountId", equalTo(B))
                .body("members[0].dataSources.flowLogs.status", equalTo("ENABLED"))
                .body("unprocessedAccounts[0].accountId", equalTo(C));
        post("/detector/" + adminDetector + "/member/stop", "{\"accountIds\":[\"" + B + "\"]}").statusCode(200).body("unprocessedAccounts", hasSize(0));
        post("/detector/" + adminDetector + "/member/get", "{\"accountIds\":[\"" + B + "\"]}").body("members[0].relationshipStatus", equalTo("Disabled"));
        post("/detector/" + adminDetector + "/member/start", "{\"accountIds\":[\"" + B + "\"]}").statusCode(200).body("unprocessedAccounts", hasSize(0));
        post("/detector/" + adminDetector + "/member/get", "{\"accountIds\":[\"" + B + "\"]}").body("members[0].relationshipStatus", equalTo("Enabled"));
        // an administrator with members cannot delete its detector, nor accept an invitation
        given().delete("/detector/" + adminDetector).then().statusCode(400);
    }

    @Test
    @Order(6)
    @TestSecurity(user = "admin-222", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = B))
    void memberResigns() {
        post("/detector/" + memberDetector + "/administrator/disassociate", "{}").statusCode(200);
        given().get("/detector/" + memberDetector + "/administrator").then().body("administrator", nullValue());
        post("/detector/" + memberDetector + "/master/disassociate", "{}").statusCode(400);
        InMemorySink<AccountState> sink = connector.sink("accounts-state-out");
        assertThat(lastState(sink, A).members()).containsExactly(new AccountState.Relationship(B, "Resigned"));
        assertThat(lastState(sink, B).administrator()).isNull();
    }

    @Test
    @Order(7)
    @TestSecurity(user = "admin-111", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = A))
    void administratorReinvitesThenDisassociatesAndDeletes() {
        post("/detector/" + adminDetector + "/member/invite", "{\"accountIds\":[\"" + B + "\"]}").statusCode(200).body("unprocessedAccounts", hasSize(0));
        post("/detector/" + adminDetector + "/member/disassociate", "{\"accountIds\":[\"" + B + "\",\"" + C + "\"]}").statusCode(200)
                .body("unprocessedAccounts.accountId", equalTo(List.of(C)));
        post("/detector/" + adminDetector + "/member/get", "{\"accountIds\":[\"" + B + "\"]}").body("members[0].relationshipStatus", equalTo("Removed"));
        post("/detector/" + adminDetector + "/member/invite", "{\"accountIds\":[\"" + B + "\"]}").statusCode(200).body("unprocessedAccounts", hasSize(0));
    }

    @Test
    @Order(8)
    @TestSecurity(user = "admin-222", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = B))
    void memberDeclines() {
        given().get("/invitation/count").then().body("invitationsCount", equalTo(1));
        post("/invitation/decline", "{\"accountIds\":[\"" + A + "\",\"" + C + "\"]}").statusCode(200)
                .body("unprocessedAccounts.accountId", equalTo(List.of(C)));
        given().get("/invitation").then().body("invitations", hasSize(0));
        post("/invitation/delete", "{\"accountIds\":[\"" + A + "\"]}").statusCode(200).body("unprocessedAccounts.accountId", equalTo(List.of(A)));
        post("/invitation/decline", "{\"accountIds\":[]}").statusCode(400);
    }

    @Test
    @Order(9)
    @TestSecurity(user = "admin-111", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = A))
    void administratorDeletesMemberAndHitsTheLimit() {
        post("/detector/" + adminDetector + "/member/get", "{\"accountIds\":[\"" + B + "\"]}").body("members[0].relationshipStatus", equalTo("Resigned"));
        post("/detector/" + adminDetector + "/member/delete", "{\"accountIds\":[\"" + B + "\"]}").statusCode(200).body("unprocessedAccounts", hasSize(0));
        given().get("/detector/" + adminDetector + "/member?onlyAssociated=false").then().body("members", hasSize(0));
        // %test member limit is 3
        post("/detector/" + adminDetector + "/member", "{\"accountDetails\":["
                + "{\"accountId\":\"500000000001\",\"email\":\"a@example.com\"},{\"accountId\":\"500000000002\",\"email\":\"a@example.com\"},"
                + "{\"accountId\":\"500000000003\",\"email\":\"a@example.com\"},{\"accountId\":\"500000000004\",\"email\":\"a@example.com\"}]}")
                .statusCode(200).body("unprocessedAccounts.accountId", equalTo(List.of("500000000004")))
                .body("unprocessedAccounts[0].result", equalTo("The member account limit (3) has been reached."));
        given().get("/detector/" + adminDetector + "/member?onlyAssociated=false&maxResults=2").then()
                .body("members", hasSize(2)).body("nextToken", org.hamcrest.Matchers.notNullValue());
        post("/detector/" + adminDetector + "/member/delete", "{\"accountIds\":[\"500000000001\",\"500000000002\",\"500000000003\"]}").statusCode(200);
        InMemorySink<AccountState> sink = connector.sink("accounts-state-out");
        assertThat(lastState(sink, A).members()).isEmpty();
    }

    @Test
    @Order(10)
    @TestSecurity(user = "admin-333", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = C))
    void administratorCannotBecomeMember() {
        // C administers a member, so it cannot accept an invitation from A
        post("/detector/" + otherDetector + "/member", "{\"accountDetails\":[{\"accountId\":\"600000000001\",\"email\":\"z@example.com\"}]}")
                .statusCode(200).body("unprocessedAccounts", hasSize(0));
    }

    @Test
    @Order(11)
    @TestSecurity(user = "admin-111", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = A))
    void anAdministratorIsAnsweredLikeAnyAccountUntilItAccepts() {
        // issue 23, defect 3: C administers a member, 700000000007 has no detector at all; before acceptance both get
        // the same answers (CreateMembers, GetMembers, InviteMembers)
        String unknown = "700000000007";
        post("/detector/" + adminDetector + "/member", "{\"accountDetails\":[{\"accountId\":\"" + C
                + "\",\"email\":\"c@example.com\"},{\"accountId\":\"" + unknown + "\",\"email\":\"u@example.com\"}]}")
                .statusCode(200).body("unprocessedAccounts", hasSize(0));
        List<java.util.Map<String, Object>> members = post("/detector/" + adminDetector + "/member/get",
                "{\"accountIds\":[\"" + C + "\",\"" + unknown + "\"]}").statusCode(200).body("members", hasSize(2))
                .body("members.detectorId", everyItem(nullValue())).body("unprocessedAccounts", hasSize(0))
                .extract().path("members");
        assertThat(members.get(0).keySet()).as("the same members").isEqualTo(members.get(1).keySet());
        assertThat(members.get(0).get("relationshipStatus")).isEqualTo(members.get(1).get("relationshipStatus"));
        post("/detector/" + adminDetector + "/member/invite", "{\"accountIds\":[\"" + C + "\",\"" + unknown + "\"]}")
                .statusCode(200).body("unprocessedAccounts", hasSize(0));
    }

    @Test
    @Order(12)
    @TestSecurity(user = "admin-333", roles = {"admin", "analyst"})
    @OidcSecurity(claims = @Claim(key = "account_id", value = C))
    void anAdministratorIsRefusedWhenItAccepts() {
        String invitation = given().get("/invitation").then().statusCode(200).body("invitations[0].accountId", equalTo(A))
                .extract().path("invitations[0].invitationId");
        post("/detector/" + otherDetector + "/administrator", "{\"administratorId\":\"" + A + "\",\"invitationId\":\""
                + invitation + "\"}").statusCode(400).body("message", containsString("is an administrator account"));
    }
}
