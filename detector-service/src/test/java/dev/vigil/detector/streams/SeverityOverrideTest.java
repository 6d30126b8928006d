package dev.vigil.detector.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A configured severity replaces GuardDuty's default for that type only (real topology, {@link Harness}). */
class SeverityOverrideTest {

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
}
