package dev.vigil.e2e.suite;

import static dev.vigil.e2e.suite.GuardDutyApi.ensureDetector;
import static dev.vigil.e2e.suite.Stack.ADMIN;
import static dev.vigil.e2e.suite.Stack.MEMBER;
import static dev.vigil.e2e.suite.Stack.as;

import java.util.List;
import java.util.Map;

/** Makes 111111111111 the administrator of 222222222222 by invitation (idempotent), as the demo does. */
final class Membership {

    private Membership() {
    }

    static void associate() {
        String adminDetector = ensureDetector("admin-111");
        String memberDetector = ensureDetector("admin-222");
        String status = as("admin-111", "accounts").body(Map.of("accountIds", List.of(MEMBER)))
                .post("/detector/" + adminDetector + "/member/get").then().statusCode(200).extract()
                .path("members.find { it.accountId == '" + MEMBER + "' }.relationshipStatus");
        if ("Enabled".equals(status)) {
            return;
        }
        if (status == null) {
            as("admin-111", "accounts").body(Map.of("accountDetails",
                    List.of(Map.of("accountId", MEMBER, "email", "admin-222@example.com"))))
                    .post("/detector/" + adminDetector + "/member").then().statusCode(200);
        }
        as("admin-111", "accounts").body(Map.of("accountIds", List.of(MEMBER), "message", "join us"))
                .post("/detector/" + adminDetector + "/member/invite").then().statusCode(200);
        String invitationId = as("admin-222", "accounts").get("/invitation").then().statusCode(200).extract()
                .path("invitations.find { it.accountId == '" + ADMIN + "' }.invitationId");
        as("admin-222", "accounts").body(Map.of("administratorId", ADMIN, "invitationId", invitationId))
                .post("/detector/" + memberDetector + "/administrator").then().statusCode(200);
    }
}
