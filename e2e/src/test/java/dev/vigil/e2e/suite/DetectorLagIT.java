package dev.vigil.e2e.suite;

import static dev.vigil.e2e.DemoIdentities.ADMIN_333;
import static dev.vigil.e2e.DemoIdentities.COLLECTOR;
import static dev.vigil.e2e.DemoIdentities.OTHER_ACCOUNT;
import static dev.vigil.e2e.suite.GuardDutyApi.ensureDetector;
import static dev.vigil.e2e.suite.Stack.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The detector's lag as an operator sees it (issue 26 item 4), on the real stack: after flow records are accepted,
 * its metrics carry the consumer lag of each log topic measured from the broker, which falls to zero once it has
 * processed them, and the event-time delay of the newest processed flow record; its readiness output carries the
 * same lag per topic.
 */
class DetectorLagIT {

    private static final String FLOW = "vigil.flow-logs.v1";

    @Test
    void lagPerLogTopicIsMeasuredFromTheBrokerAndFallsToZeroOnceProcessed() {
        ensureDetector(ADMIN_333);
        long now = Instant.now().getEpochSecond();
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            body.append("2 ").append(OTHER_ACCOUNT).append(" eni-0a1b2c3d4e5f60718 10.0.0.7 198.51.100.").append(i % 250)
                    .append(' ').append(40_000 + i).append(" 443 6 4 900 ").append(now - 120).append(' ')
                    .append(now - 60).append(" ACCEPT OK\n");
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() ->
                as(COLLECTOR, "ingest").body(body.toString()).post("/ingest/v1/flow-logs?region=us-east-1").then()
                        .statusCode(200).extract().<Integer>path("accepted") == 300);

        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            String metrics = given().baseUri(Stack.url("detector")).get("/q/metrics").then().statusCode(200)
                    .extract().asString();
            assertThat(gauge(metrics, "vigil_detector_consumer_lag_records", FLOW)).isEqualTo(0.0);
            assertThat(gauge(metrics, "vigil_detector_consumer_lag_records", "vigil.cloudtrail.v1")).isNotNaN();
            assertThat(gauge(metrics, "vigil_detector_event_time_delay_seconds", FLOW)).isBetween(0.0, 86_400.0);
        });
        Map<String, Object> data = given().baseUri(Stack.url("detector")).get("/q/health/ready").then()
                .statusCode(200).extract().path("checks.find { it.name == 'detector-consumer-lag' }.data");
        assertThat(data).containsKeys(FLOW + ".lag", FLOW + ".growingForSeconds", "vigil.dns-logs.v1.lag");
    }

    /** The value of a Prometheus gauge with label topic, or NaN when absent. */
    private static double gauge(String metrics, String name, String topic) {
        Matcher m = Pattern.compile("^" + name + "\\{[^}]*topic=\"" + Pattern.quote(topic) + "\"[^}]*} (\\S+)$",
                Pattern.MULTILINE).matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }
}
