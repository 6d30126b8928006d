package dev.vigil.e2e.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.e2e.FakeStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal in-memory stand-in for accounts-service and findings-service's GuardDuty API on a {@link FakeStack}:
 * detectors per demo user, members and invitations, threat intel sets with uploaded content, and findings served
 * two per ListFindings page (to exercise pagination). Only what the CLI calls.
 */
final class FakeGuardDuty {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Map<String, String> ACCOUNT_OF = Map.of("admin-111", "111111111111", "admin-222", "222222222222",
        "admin-333", "333333333333");

    final Map<String, String> detectors = new LinkedHashMap<>();
    final Map<String, String> memberStatus = new LinkedHashMap<>();
    final Map<String, String> threatSets = new LinkedHashMap<>();
    final Map<String, String> threatSetContent = new LinkedHashMap<>();
    final List<Map<String, Object>> findings = new ArrayList<>();
    int createDetectorCalls;
    /** Optional features set by UpdateDetector, by account. */
    final Map<String, Map<String, String>> features = new java.util.concurrent.ConcurrentHashMap<>();

    FakeGuardDuty(FakeStack s) {
        s.route("GET /detector", c -> {
            String id = detectors.get(account(c));
            Matcher m = Pattern.compile("/detector/([^/]+)(/.*)?").matcher(c.path());
            if (m.matches()) {
                return detectorScoped(c, m.group(1), m.group(2) == null ? "" : m.group(2));
            }
            return ok(Map.of("detectorIds", id == null ? List.of() : List.of(id)));
        });
        s.route("POST /detector", c -> {
            Matcher m = Pattern.compile("/detector/([^/]+)(/.*)?").matcher(c.path());
            if (m.matches()) {
                return detectorScoped(c, m.group(1), m.group(2) == null ? "" : m.group(2));
            }
            createDetectorCalls++;
            String id = "det" + account(c).substring(0, 3);
            detectors.put(account(c), id);
            return ok(Map.of("detectorId", id));
        });
        s.route("PUT /detector", c -> {
            Matcher m = Pattern.compile("/detector/([^/]+)(/.*)").matcher(c.path());
            m.matches();
            return detectorScoped(c, m.group(1), m.group(2));
        });
        s.route("GET /invitation", c -> {
            boolean invited = account(c).equals("222222222222") && "Invited".equals(memberStatus.get("222222222222"));
            return ok(Map.of("invitations", invited ? List.of(Map.of("accountId", "111111111111",
                "invitationId", "inv-42", "relationshipStatus", "Invited")) : List.of()));
        });
    }

    private FakeStack.Answer detectorScoped(FakeStack.Call c, String id, String rest) {
        if (!id.equals(detectors.get(account(c)))) {
            return new FakeStack.Answer(400, "{\"message\":\"The request is rejected because the input detectorId is not owned by the current account.\",\"__type\":\"BadRequestException\"}");
        }
        JsonNode body = body(c);
        String key = c.method() + " " + rest;
        if (key.equals("GET /member")) {
            List<Map<String, String>> ms = new ArrayList<>();
            memberStatus.forEach((a, st) -> ms.add(Map.of("accountId", a, "relationshipStatus", st)));
            return ok(Map.of("members", ms));
        }
        if (key.equals("POST /member")) {
            body.path("accountDetails").forEach(d -> memberStatus.put(d.path("accountId").asText(), "Created"));
            return ok(Map.of("unprocessedAccounts", List.of()));
        }
        if (key.equals("POST /member/invite")) {
            body.path("accountIds").forEach(a -> memberStatus.put(a.asText(), "Invited"));
            return ok(Map.of("unprocessedAccounts", List.of()));
        }
        if (key.equals("POST ")) { // UpdateDetector
            body.path("features").forEach(f -> features.computeIfAbsent(account(c), a -> new java.util.TreeMap<>())
                .put(f.path("name").asText(), f.path("status").asText()));
            return ok(Map.of());
        }
        if (key.equals("POST /administrator")) {
            if (!body.path("invitationId").asText().equals("inv-42")) {
                return new FakeStack.Answer(400, "{\"message\":\"bad invitation\",\"__type\":\"BadRequestException\"}");
            }
            memberStatus.put(account(c), "Enabled");
            return ok(Map.of());
        }
        if (key.equals("GET /threatintelset")) {
            return ok(Map.of("threatIntelSetIds", List.copyOf(threatSets.keySet())));
        }
        if (key.startsWith("GET /threatintelset/")) {
            return ok(Map.of("name", threatSets.get(rest.substring("/threatintelset/".length())), "format", "TXT"));
        }
        if (key.equals("POST /threatintelset")) {
            String setId = "ts" + (threatSets.size() + 1);
            threatSets.put(setId, body.path("name").asText());
            return ok(Map.of("threatIntelSetId", setId));
        }
        if (key.startsWith("PUT /threatintelset/") && key.endsWith("/content")) {
            threatSetContent.put(rest.split("/")[2], c.bodyText());
            return new FakeStack.Answer(200, "");
        }
        if (key.equals("POST /findings")) {
            int from = body.path("nextToken").asText("").isEmpty() ? 0 : Integer.parseInt(body.path("nextToken").asText());
            List<Map<String, Object>> visible = visible(c);
            List<String> ids = visible.subList(Math.min(from, visible.size()), Math.min(from + 2, visible.size()))
                .stream().map(f -> (String) f.get("id")).toList();
            Map<String, Object> page = new LinkedHashMap<>();
            page.put("findingIds", ids);
            if (from + 2 < visible.size()) {
                page.put("nextToken", String.valueOf(from + 2));
            }
            return ok(page);
        }
        if (key.equals("POST /findings/get")) {
            List<String> wanted = new ArrayList<>();
            body.path("findingIds").forEach(n -> wanted.add(n.asText()));
            return ok(Map.of("findings", visible(c).stream().filter(f -> wanted.contains(f.get("id"))).toList()));
        }
        return new FakeStack.Answer(404, "{\"message\":\"unknown " + key + "\",\"__type\":\"BadRequestException\"}");
    }

    private List<Map<String, Object>> visible(FakeStack.Call c) {
        String acct = account(c);
        synchronized (findings) {
            return findings.stream().filter(f -> acct.equals(f.get("accountId"))
                || acct.equals("111111111111") && "Enabled".equals(memberStatus.get((String) f.get("accountId"))))
                .toList();
        }
    }

    /** Adds a finding on an instance. */
    void addInstanceFinding(String account, String type, double severity, String instanceId) {
        synchronized (findings) {
            findings.add(Map.of("id", "f" + findings.size(), "accountId", account, "type", type, "severity", severity,
                "title", type + " on " + instanceId,
                "resource", Map.of("resourceType", "Instance", "instanceDetails", Map.of("instanceId", instanceId)),
                "service", Map.of("count", 2, "archived", false, "eventFirstSeen", "2026-11-29T20:00:00.000Z",
                    "eventLastSeen", "2026-11-29T20:10:00.000Z")));
        }
    }

    /** Adds a finding on an access key. */
    void addKeyFinding(String account, String type, double severity, String user, String key) {
        synchronized (findings) {
            findings.add(Map.of("id", "f" + findings.size(), "accountId", account, "type", type, "severity", severity,
                "title", type + " by " + user,
                "resource", Map.of("resourceType", "AccessKey", "accessKeyDetails", Map.of("userName", user, "accessKeyId", key)),
                "service", Map.of("count", 1, "archived", false, "eventFirstSeen", "2026-11-29T20:00:00.000Z",
                    "eventLastSeen", "2026-11-29T20:00:00.000Z")));
        }
    }

    static String account(FakeStack.Call c) {
        String auth = c.header("Authorization");
        return ACCOUNT_OF.getOrDefault(auth == null ? "" : auth.replace("Bearer tok-", ""), "000000000000");
    }

    static JsonNode body(FakeStack.Call c) {
        try {
            return JSON.readTree(c.body().length == 0 ? "{}".getBytes() : c.body());
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    static FakeStack.Answer ok(Object body) {
        try {
            return new FakeStack.Answer(200, JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
