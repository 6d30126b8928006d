package dev.vigil.e2e.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The GuardDuty REST operations the CLI uses, with the member names of the GuardDuty API model
 * ({@code reference/guardduty-2017-11-28.service-2.json}). Detector, member, invitation and threat intel set
 * operations go to accounts-service; finding operations to findings-service.
 */
public final class GuardDutyApi {
    private final ApiClient accounts;
    private final ApiClient findings;

    public GuardDutyApi(ApiClient accounts, ApiClient findings) {
        this.accounts = accounts;
        this.findings = findings;
    }

    /** ListDetectors ({@code GET /detector}): the caller's detector ID, or null if it has none. */
    public String detectorId() {
        JsonNode ids = accounts.get("/detector").path("detectorIds");
        return ids.isArray() && !ids.isEmpty() ? ids.get(0).asText() : null;
    }

    /** ListDetectors, then CreateDetector ({@code POST /detector}) if there is none; returns the detector ID. */
    public String ensureDetector() {
        String id = detectorId();
        if (id != null) {
            return id;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("enable", true);
        body.put("findingPublishingFrequency", "FIFTEEN_MINUTES");
        return accounts.post("/detector", body).path("detectorId").asText();
    }

    /**
     * UpdateDetector ({@code POST /detector/{id}}) turning the optional feature {@code name} on, e.g.
     * {@code S3_DATA_EVENTS} (S3 Protection: without it S3 data events are neither analysed nor metered).
     */
    public void enableFeature(String detectorId, String name) {
        accounts.post("/detector/" + detectorId,
            Map.of("features", List.of(Map.of("name", name, "status", "ENABLED"))));
    }

    /** ListMembers ({@code GET /detector/{id}/member}): the {@code members} array. */
    public JsonNode members(String detectorId) {
        return accounts.get("/detector/" + detectorId + "/member?onlyAssociated=false").path("members");
    }

    /** CreateMembers ({@code POST /detector/{id}/member}); returns {@code unprocessedAccounts}. */
    public JsonNode createMember(String detectorId, String accountId, String email) {
        return accounts.post("/detector/" + detectorId + "/member",
            Map.of("accountDetails", List.of(Map.of("accountId", accountId, "email", email)))).path("unprocessedAccounts");
    }

    /** InviteMembers ({@code POST /detector/{id}/member/invite}); returns {@code unprocessedAccounts}. */
    public JsonNode invite(String detectorId, String accountId, String message) {
        return accounts.post("/detector/" + detectorId + "/member/invite",
            Map.of("accountIds", List.of(accountId), "message", message)).path("unprocessedAccounts");
    }

    /** ListInvitations ({@code GET /invitation}): the {@code invitations} array. */
    public JsonNode invitations() {
        return accounts.get("/invitation").path("invitations");
    }

    /** AcceptAdministratorInvitation ({@code POST /detector/{id}/administrator}). */
    public void acceptInvitation(String detectorId, String administratorId, String invitationId) {
        accounts.post("/detector/" + detectorId + "/administrator",
            Map.of("administratorId", administratorId, "invitationId", invitationId));
    }

    /** GetAdministratorAccount ({@code GET /detector/{id}/administrator}): the {@code administrator} object. */
    public JsonNode administrator(String detectorId) {
        return accounts.get("/detector/" + detectorId + "/administrator").path("administrator");
    }

    /**
     * Finds a threat intel set by name (ListThreatIntelSets + GetThreatIntelSet) or creates it
     * (CreateThreatIntelSet, TXT, activated) with location {@code vigil://upload/<name>}; returns its ID.
     */
    public String ensureThreatIntelSet(String detectorId, String name) {
        for (JsonNode id : accounts.get("/detector/" + detectorId + "/threatintelset").path("threatIntelSetIds")) {
            JsonNode set = accounts.get("/detector/" + detectorId + "/threatintelset/" + id.asText());
            if (name.equals(set.path("name").asText())) {
                return id.asText();
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("format", "TXT");
        body.put("location", "vigil://upload/" + name);
        body.put("activate", true);
        return accounts.post("/detector/" + detectorId + "/threatintelset", body).path("threatIntelSetId").asText();
    }

    /** Vigil's list upload: {@code PUT /detector/{id}/threatintelset/{setId}/content} with the TXT body. */
    public void uploadThreatIntelSet(String detectorId, String setId, String txt) {
        accounts.send("PUT", "/detector/" + detectorId + "/threatintelset/" + setId + "/content",
            txt.getBytes(StandardCharsets.UTF_8), "text/plain", Map.of());
    }

    /**
     * ListFindings ({@code POST /detector/{id}/findings}, all pages, 50 per page) then GetFindings
     * ({@code POST /detector/{id}/findings/get}, 50 IDs per call). When {@code archived} is non-null the
     * criterion {@code service.archived eq [archived]} is sent; if the service rejects criteria (HTTP 400) the
     * listing is retried without them and the caller's filtering applies.
     */
    public List<JsonNode> findings(String detectorId, Boolean archived) {
        List<String> ids;
        try {
            ids = listFindingIds(detectorId, archived);
        } catch (ApiException e) {
            if (e.status() != 400 || archived == null) {
                throw e;
            }
            ids = listFindingIds(detectorId, null);
        }
        List<JsonNode> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += 50) {
            JsonNode got = findings.post("/detector/" + detectorId + "/findings/get",
                Map.of("findingIds", ids.subList(i, Math.min(ids.size(), i + 50))));
            got.path("findings").forEach(out::add);
        }
        return out;
    }

    private List<String> listFindingIds(String detectorId, Boolean archived) {
        List<String> ids = new ArrayList<>();
        String next = null;
        do {
            Map<String, Object> body = new LinkedHashMap<>();
            if (archived != null) {
                body.put("findingCriteria", Map.of("criterion",
                    Map.of("service.archived", Map.of("eq", List.of(archived.toString())))));
            }
            body.put("maxResults", 50);
            if (next != null) {
                body.put("nextToken", next);
            }
            JsonNode page = findings.post("/detector/" + detectorId + "/findings", body);
            page.path("findingIds").forEach(n -> ids.add(n.asText()));
            next = page.path("nextToken").asText("");
            next = next.isEmpty() ? null : next;
        } while (next != null);
        return ids;
    }
}
