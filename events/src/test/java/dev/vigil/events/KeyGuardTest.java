package dev.vigil.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** The key check every consumer applies, with a real Micrometer registry. */
class KeyGuardTest {

    @Test
    void logAndStateKeysMustNameTheRecordsAccount() {
        assertThat(Keys.keyNames("111111111111/eni-1", "111111111111")).isTrue();
        assertThat(Keys.keyNames("111111111111", "111111111111")).isTrue();
        assertThat(Keys.keyNames("222222222222/eni-1", "111111111111")).isFalse();
        assertThat(Keys.keyNames("1111111111112/x", "111111111111")).isFalse();
        assertThat(Keys.keyNames("111111111111x", "111111111111")).isFalse();
        assertThat(Keys.keyNames(null, "111111111111")).isFalse();
        assertThat(Keys.keyNames("111111111111", null)).isFalse();
        assertThat(Keys.keyNames("abc", "abc")).isFalse();
    }

    @Test
    void aMismatchIsCountedPerTopic() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        KeyGuard guard = new KeyGuard(registry);
        assertThat(guard.accept(Topics.FLOW_LOGS, "111111111111/eni-1", "111111111111")).isTrue();
        assertThat(guard.accept(Topics.FLOW_LOGS, "222222222222/eni-1", "111111111111")).isFalse();
        assertThat(guard.accept(Topics.USAGE, null, "111111111111")).isFalse();
        assertThat(guard.dropped(Topics.FLOW_LOGS)).isEqualTo(1.0);
        assertThat(guard.dropped(Topics.USAGE)).isEqualTo(1.0);
        assertThat(registry.get(KeyGuard.METRIC).tag("topic", Topics.FLOW_LOGS).counter().count()).isEqualTo(1.0);
    }

    @Test
    void aCandidateMustBeKeyedByItsFindingIdAndItsArnNameItsAccount() {
        KeyGuard guard = new KeyGuard(new SimpleMeterRegistry());
        String id = "0123456789abcdef0123456789abcdef";
        FindingCandidate ok = candidate(id, "111111111111", "arn:aws:guardduty:us-east-1:111111111111:detector/d/finding/" + id);
        assertThat(guard.acceptCandidate(id, ok)).isTrue();
        assertThat(guard.acceptCandidate(id, candidate(id, "111111111111", null))).isTrue();
        assertThat(guard.acceptCandidate("fedcba9876543210fedcba9876543210", ok)).isFalse();
        assertThat(guard.acceptCandidate(null, ok)).isFalse();
        assertThat(guard.acceptCandidate(id, candidate(id, "222222222222",
                "arn:aws:guardduty:us-east-1:111111111111:detector/d/finding/" + id))).isFalse();
        assertThat(guard.dropped(Topics.FINDINGS_CANDIDATES)).isEqualTo(3.0);
    }

    static FindingCandidate candidate(String id, String account, String arn) {
        return new FindingCandidate(1, "e", new Finding(account, arn, null, null, null, id, "aws", "us-east-1", null,
                "2.0", null, 5.0, "t", "Recon:EC2/Portscan", null), 0L);
    }
}
