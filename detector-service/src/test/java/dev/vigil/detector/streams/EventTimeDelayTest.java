package dev.vigil.detector.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** The event-time delay gauge per log topic ({@link EventTimeDelay}). */
class EventTimeDelayTest {

    @Test
    void theDelayIsTheWallClockMinusTheNewestEventTimeOfTheTopic() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        long[] now = {1_000_000};
        EventTimeDelay delay = new EventTimeDelay(registry, () -> now[0]);
        delay.seen("vigil.flow-logs.v1", 940_000);
        delay.seen("vigil.flow-logs.v1", 10_000); // a backfilled old record does not lower it
        delay.seen("vigil.dns-logs.v1", 0); // no event time: ignored
        now[0] = 1_030_000;
        assertThat(registry.get(EventTimeDelay.METRIC).tag("topic", "vigil.flow-logs.v1").gauge().value())
                .isEqualTo(90.0);
        assertThat(registry.find(EventTimeDelay.METRIC).tag("topic", "vigil.dns-logs.v1").gauge()).isNull();
    }
}
