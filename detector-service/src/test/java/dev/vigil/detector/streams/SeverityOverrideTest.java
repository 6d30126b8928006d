package dev.vigil.detector.streams;

import static dev.vigil.detector.streams.Records.T0;
import static dev.vigil.detector.streams.Records.flow;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A configured severity replaces GuardDuty's default for that type only, whichever family reports it: signatures,
 * windowed and behavioural rules all make their candidates through the one {@code FindingFactory} (real topology,
 * {@link Harness}).
 */
class SeverityOverrideTest {

    private static final long DAY = 86_400;

    @Test
    void configuredSeverityReplacesTheDefault() {
        try (Harness h = new Harness(
                Map.of("detector.rules.severity-overrides", "Stealth:IAMUser/CloudTrailLoggingDisabled=3.5"))) {
            h.account(Harness.ACCOUNT, "ENABLED");
            h.cloudTrail(Records.call("cloudtrail.amazonaws.com", "StopLogging", "198.51.100.1", "aws-cli/2",
                    "{\"name\":\"t\"}", null, Records.T0));
            h.cloudTrail(Records.call("iam.amazonaws.com", "DeleteAccountPasswordPolicy", "198.51.100.1",
                    "aws-cli/2", "null", null, Records.T0));
            assertThat(h.candidates()).extracting(c -> c.finding().type() + "=" + c.finding().severity())
                    .containsExactly("Stealth:IAMUser/CloudTrailLoggingDisabled=3.5",
                            "Stealth:IAMUser/PasswordPolicyChange=5.0");
        }
    }

    @Test
    void behaviouralAndWindowedTypesAreOverriddenToo() {
        try (Harness h = new Harness(Map.of("detector.rules.severity-overrides",
                "Behavior:EC2/NetworkPortUnusual=7.5,Recon:EC2/Portscan=6.0"))) {
            h.account(Harness.ACCOUNT, "ENABLED");
            for (long d = 0; d <= 8; d++) { // the interface learns HTTPS for a week
                h.flow(flow("10.0.0.5", "203.0.113.10", 50000, 443, 6, 40, "ACCEPT", T0 + d * DAY));
            }
            h.flow(flow("10.0.0.5", "203.0.113.11", 50001, 4444, 6, 40, "ACCEPT", T0 + 8 * DAY + 60));
            for (int i = 0; i < 30; i++) { // an outbound scan on day 9, then a record of day 10 closes its window
                h.flow(flow("10.0.0.5", "198.51.100.50", 50000 + i, 1000 + i, 6, 1, "ACCEPT", T0 + 9 * DAY + i));
            }
            h.flow(flow("10.0.0.5", "203.0.113.10", 50000, 443, 6, 40, "ACCEPT", T0 + 10 * DAY));
            assertThat(h.candidates()).extracting(c -> c.finding().type() + "=" + c.finding().severity())
                    .contains("Behavior:EC2/NetworkPortUnusual=7.5", "Recon:EC2/Portscan=6.0")
                    .doesNotContain("Behavior:EC2/NetworkPortUnusual=5.0", "Recon:EC2/Portscan=5.0");
        }
    }
}
