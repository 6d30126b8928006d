package dev.vigil.e2e.suite;

import static dev.vigil.e2e.suite.Stack.as;

import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;

/** The GuardDuty-shaped calls the end-to-end suite makes, with real tokens against the running services. */
final class GuardDutyApi {

    private GuardDutyApi() {
    }

    /** The caller's detector in the default region, created when there is none. */
    static String ensureDetector(String user) {
        List<String> ids = as(user, "accounts").get("/detector").then().statusCode(200).extract().path("detectorIds");
        if (!ids.isEmpty()) {
            return ids.get(0);
        }
        return as(user, "accounts").body(Map.of("enable", true, "findingPublishingFrequency", "FIFTEEN_MINUTES"))
                .post("/detector").then().statusCode(200).extract().path("detectorId");
    }

    /** ListFindings with {@code criterion} (GuardDuty's {@code findingCriteria.criterion} map); all pages. */
    static List<String> listFindings(String user, String detectorId, Map<String, Object> criterion) {
        List<String> all = new java.util.ArrayList<>();
        String next = null;
        do {
            Map<String, Object> body = new java.util.HashMap<>();
            body.put("findingCriteria", Map.of("criterion", criterion));
            body.put("maxResults", 50);
            if (next != null) {
                body.put("nextToken", next);
            }
            JsonPath reply = as(user, "findings").body(body).post("/detector/" + detectorId + "/findings")
                    .then().statusCode(200).extract().jsonPath();
            all.addAll(reply.getList("findingIds", String.class));
            next = reply.getString("nextToken");
        } while (next != null && !next.isEmpty());
        return all;
    }

    /** GetFindings: the findings' JSON (GuardDuty's {@code Finding} shape). */
    static List<Map<String, Object>> getFindings(String user, String detectorId, List<String> ids) {
        return as(user, "findings").body(Map.of("findingIds", ids)).post("/detector/" + detectorId + "/findings/get")
                .then().statusCode(200).extract().jsonPath().getList("findings");
    }

    /** Criterion {@code field eq values}. */
    static Map<String, Object> eq(String field, String... values) {
        return Map.of(field, Map.of("eq", List.of(values)));
    }
}
