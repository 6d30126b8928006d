package dev.vigil.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Keys, finding IDs, severity bands and the topic list. Plain JUnit. */
class ContractTest {

    @Test
    void logKeysCarryTheAccount() {
        assertThat(Keys.logKey("111111111111", "eni-1")).isEqualTo("111111111111/eni-1");
        assertThat(Keys.logKey("111111111111", null)).isEqualTo("111111111111/-");
        assertThat(Keys.accountOf("111111111111/eni-1")).isEqualTo("111111111111");
        assertThat(Keys.accountOf("222222222222")).isEqualTo("222222222222");
        assertThatThrownBy(() -> Keys.logKey("1111", "eni-1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Keys.accountOf("abc/eni")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void findingIdsAreDeterministic32Hex() {
        String a = FindingIds.findingId("111111111111", "us-east-1", "Recon:EC2/Portscan", "i-1|198.51.100.5");
        String b = FindingIds.findingId("111111111111", "us-east-1", "Recon:EC2/Portscan", "i-1|198.51.100.5");
        String other = FindingIds.findingId("222222222222", "us-east-1", "Recon:EC2/Portscan", "i-1|198.51.100.5");
        assertThat(a).isEqualTo(b).matches("^[0-9a-f]{32}$").isNotEqualTo(other);
        assertThat(FindingIds.arn("aws", "us-east-1", "111111111111", "d", a))
                .isEqualTo("arn:aws:guardduty:us-east-1:111111111111:detector/d/finding/" + a);
    }

    @Test
    void severityBandsFollowGuardDuty() {
        assertThat(Severity.of(1.0)).isEqualTo(Severity.LOW);
        assertThat(Severity.of(3.9)).isEqualTo(Severity.LOW);
        assertThat(Severity.of(4.0)).isEqualTo(Severity.MEDIUM);
        assertThat(Severity.of(6.9)).isEqualTo(Severity.MEDIUM);
        assertThat(Severity.of(7.0)).isEqualTo(Severity.HIGH);
        assertThat(Severity.of(8.9)).isEqualTo(Severity.HIGH);
        assertThat(Severity.of(9.0)).isEqualTo(Severity.CRITICAL);
        assertThat(Severity.of(10.0)).isEqualTo(Severity.CRITICAL);
        assertThatThrownBy(() -> Severity.of(0.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyConsumedTopicHasADeadLetterTopicAndStateTopicsAreCompacted() {
        Set<String> names = new HashSet<>();
        Topics.ALL.forEach(t -> assertThat(names.add(t.name())).as("duplicate topic %s", t.name()).isTrue());
        for (String consumed : new String[] {Topics.FLOW_LOGS, Topics.DNS_LOGS, Topics.CLOUDTRAIL, Topics.USAGE,
                Topics.ACCOUNTS_STATE, Topics.THREAT_LISTS, Topics.FINDINGS_CANDIDATES, Topics.LOG_SOURCE_STATUS}) {
            assertThat(names).contains(Topics.dlq(consumed));
        }
        assertThat(Topics.ALL).filteredOn(t -> t.name().equals(Topics.ACCOUNTS_STATE) || t.name().equals(Topics.THREAT_LISTS))
                .allMatch(Topics.TopicSpec::compacted);
        assertThat(Topics.ALL).filteredOn(t -> t.name().equals(Topics.FLOW_LOGS)).allMatch(t -> !t.compacted());
    }
}
