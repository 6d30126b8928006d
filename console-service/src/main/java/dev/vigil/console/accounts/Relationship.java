package dev.vigil.console.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One row of the Accounts page: a member (ListMembers) or an invitation (ListInvitations), as GuardDuty gives them.
 *
 * @param accountId    the member's account, or for an invitation the inviting administrator's
 * @param email        the member's email ({@code ""} for an invitation)
 * @param status       GuardDuty's relationship status: Created, Invited, Enabled, Disabled, Removed or Resigned
 * @param invitationId the invitation's ID ({@code ""} for a member)
 * @param invitedAt    when the invitation was sent, as the API gives it ({@code ""} before one)
 */
public record Relationship(String accountId, String email, String status, String invitationId, String invitedAt) {

    /** The rows of the array {@code array} ({@code members} or {@code invitations}) of an API answer. */
    static List<Relationship> of(JsonNode answer, String array) {
        List<Relationship> out = new ArrayList<>();
        answer.path(array).forEach(n -> out.add(new Relationship(n.path("accountId").asText(), n.path("email").asText(),
                n.path("relationshipStatus").asText(), n.path("invitationId").asText(), n.path("invitedAt").asText())));
        return out;
    }

    /** Whether the administrator monitors this member now (status Enabled). */
    public boolean enabled() {
        return "Enabled".equals(status);
    }

    /** Whether the member accepted once (Enabled or Disabled): monitoring can be started, stopped or the member disassociated. */
    public boolean associated() {
        return enabled() || "Disabled".equals(status);
    }

    /** Whether an invitation still waits for an answer (status Invited). */
    public boolean pending() {
        return "Invited".equals(status);
    }
}
