package dev.vigil.ingest.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.AccountState;
import dev.vigil.events.Json;
import dev.vigil.events.KeyGuard;
import dev.vigil.events.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.reactive.messaging.kafka.Record;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccountDirectoryTest {

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final AccountDirectory dir = new AccountDirectory(registry);

    static String state(String account, long version, String region, String status) {
        return Json.write(new AccountState(AccountState.SCHEMA_VERSION, account, version,
                List.of(new AccountState.Detector("d", region, status, "SIX_HOURS", true, true, true, 0L)), null,
                List.of(), 0L));
    }

    @Test
    void enabledDetectorAnalysesOnlyItsRegion() {
        dir.onState(Record.of("111111111111", state("111111111111", 1, "us-east-1", "ENABLED")));
        assertThat(dir.analyses("111111111111", "us-east-1")).isTrue();
        assertThat(dir.analyses("111111111111", "eu-west-1")).isFalse();
        assertThat(dir.analyses("222222222222", "us-east-1")).isFalse();
    }

    @Test
    void disabledDetectorAndTombstoneStopAnalysis() {
        dir.onState(Record.of("111111111111", state("111111111111", 1, "us-east-1", "ENABLED")));
        dir.onState(Record.of("111111111111", state("111111111111", 2, "us-east-1", "DISABLED")));
        assertThat(dir.analyses("111111111111", "us-east-1")).isFalse();
        dir.onState(Record.of("111111111111", state("111111111111", 3, "us-east-1", "ENABLED")));
        assertThat(dir.analyses("111111111111", "us-east-1")).isTrue();
        dir.onState(Record.of("111111111111", null));
        assertThat(dir.analyses("111111111111", "us-east-1")).isFalse();
        assertThat(dir.size()).isZero();
    }

    @Test
    void olderStatesAreIgnored() {
        dir.onState(Record.of("111111111111", state("111111111111", 5, "us-east-1", "ENABLED")));
        dir.onState(Record.of("111111111111", state("111111111111", 4, "us-east-1", "DISABLED")));
        assertThat(dir.analyses("111111111111", "us-east-1")).isTrue();
    }

    @Test
    void poisonValuesAreCountedAndNeverTakenForTombstones() {
        dir.onState(Record.of("111111111111", state("111111111111", 1, "us-east-1", "ENABLED")));
        dir.onState(Record.of("111111111111", "{not json"));
        dir.onState(Record.of("111111111111", state("999999999999", 9, "us-east-1", "DISABLED")));
        dir.onState(Record.of(null, state("111111111111", 9, "us-east-1", "DISABLED")));
        assertThat(dir.analyses("111111111111", "us-east-1")).isTrue();
        assertThat(registry.get("vigil.ingest.account.state.invalid").counter().count()).isEqualTo(3.0);
        // the state under another account's key is the tenancy check's: counted by topic
        assertThat(registry.get(KeyGuard.METRIC).tag("topic", Topics.ACCOUNTS_STATE).counter().count()).isEqualTo(1.0);
    }
}
