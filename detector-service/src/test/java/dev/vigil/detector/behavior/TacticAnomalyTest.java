package dev.vigil.detector.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.detector.streams.Records;
import dev.vigil.events.CloudTrailRecord;
import dev.vigil.events.FindingCandidate;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every AnomalousBehavior tactic not covered by {@link CloudTrailBehaviorTest} (Persistence, DefenseEvasion,
 * Discovery there): a positive (the tactic's API from a network and tool the principal never used) and a benign
 * look-alike (the same API, learned during the learning period, called again from the usual network with an
 * upgraded CLI). Severities: GuardDuty user guide, "IAM finding types".
 */
class TacticAnomalyTest extends BehaviorTestBase {

    private static final String CLI = "aws-cli/2.13.0 Python/3.11.4 Linux/5.10 exe/x86_64";
    private static final String HOME = "203.0.113.10";

    private static CloudTrailRecord call(String source, String name, String ip, String ua, long t) {
        return Records.call(source, name, ip, ua, "{}", null, t);
    }

    /** An hour of the principal's usual Describe calls from home with the CLI. */
    private void learnNormal() {
        for (int i = 0; i < 7; i++) {
            h.cloudTrail(call("ec2.amazonaws.com", "DescribeInstances", "203.0.113." + (10 + i % 3), CLI,
                    T0 + i * 600L));
        }
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource({
        "secretsmanager.amazonaws.com, GetSecretValue, CredentialAccess, 5.0",
        "ec2.amazonaws.com, CreateSnapshot, Exfiltration, 8.0",
        "ec2.amazonaws.com, DeleteSecurityGroup, Impact, 8.0",
        "sts.amazonaws.com, GetFederationToken, InitialAccess, 5.0",
        "iam.amazonaws.com, AttachUserPolicy, PrivilegeEscalation, 5.0"})
    void tacticApiFromANewNetworkAndTool(String source, String api, String tactic, double severity) {
        learnNormal();
        assertThat(h.candidates()).isEmpty();
        h.cloudTrail(call(source, api, "198.51.100.7", "python-requests/2.31", AFTER));
        List<FindingCandidate> c = h.candidates();
        assertThat(c).extracting(x -> x.finding().type()).containsExactly(tactic + ":IAMUser/AnomalousBehavior");
        assertThat(c.get(0).finding().severity()).isEqualTo(severity);
        assertThat(c.get(0).finding().service().action().at("/awsApiCallAction/api").asText()).isEqualTo(api);
        assertThat(c.get(0).finding().service().detection().at("/anomaly/unusual/behavior/AIDAEXAMPLE/callerNetwork"
                + "/observations/text/0").asText()).isEqualTo("198.51.0.0/16");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource({
        "secretsmanager.amazonaws.com, GetSecretValue",
        "ec2.amazonaws.com, CreateSnapshot",
        "ec2.amazonaws.com, DeleteSecurityGroup",
        "sts.amazonaws.com, GetFederationToken",
        "iam.amazonaws.com, AttachUserPolicy"})
    void theSameApiAsLearnedFromTheUsualPlaceIsNormal(String source, String api) {
        learnNormal();
        h.cloudTrail(call(source, api, HOME, CLI, T0 + 1200)); // part of the principal's routine
        assertThat(h.candidates()).isEmpty();
        h.cloudTrail(call(source, api, "203.0.113.77", "aws-cli/2.15.1 Python/3.11.8 Linux/6.1 exe/x86_64", AFTER));
        assertThat(h.candidates()).isEmpty();
    }
}
