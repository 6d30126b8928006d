package dev.vigil.e2e.suite;

import static dev.vigil.e2e.DemoIdentities.ADMIN_111;
import static dev.vigil.e2e.DemoIdentities.ADMIN_222;
import static dev.vigil.e2e.DemoIdentities.ADMIN_ACCOUNT;
import static dev.vigil.e2e.DemoIdentities.MEMBER_ACCOUNT;
import static dev.vigil.e2e.suite.GuardDutyApi.ensureDetector;
import static dev.vigil.e2e.suite.Stack.as;

import java.util.List;
import java.util.Map;

/** Makes 111111111111 the administrator of 222222222222 by invitation (idempotent), as the demo does. */
final class Membership {

    private Membership() {
    }

    static void associate() {
        String adminDetector = ensureDetector(ADMIN_111);
        String memberDetector = ensureDetector(ADMIN_222);
        String status = as(ADMIN_111, "accounts").body(Map.of("accountIds", List.of(MEMBER_ACCOUNT)))
                .post("/detector/" + adminDetector + "/member/get").then().statusCode(200).extract()
                .path("members.find { it.accountId == '" + MEMBER_ACCOUNT + "' }.relationshipStatus");
        if ("Enabled".equals(status)) {
            return;
        }
        if (status == null) {
            as(ADMIN_111, "accounts").body(Map.of("accountDetails",
                    List.of(Map.of("accountId", MEMBER_ACCOUNT, "email", "admin-222@example.com"))))
                    .post("/detector/" + adminDetector + "/member").then().statusCode(200);
        }
        as(ADMIN_111, "accounts").body(Map.of("accountIds", List.of(MEMBER_ACCOUNT), "message", "join us"))
                .post("/detector/" + adminDetector + "/member/invite").then().statusCode(200);
        String invitationId = as(ADMIN_222, "accounts").get("/invitation").then().statusCode(200).extract()
                .path("invitations.find { it.accountId == '" + ADMIN_ACCOUNT + "' }.invitationId");
        as(ADMIN_222, "accounts").body(Map.of("administratorId", ADMIN_ACCOUNT, "invitationId", invitationId))
                .post("/detector/" + memberDetector + "/administrator").then().statusCode(200);
    }
}
