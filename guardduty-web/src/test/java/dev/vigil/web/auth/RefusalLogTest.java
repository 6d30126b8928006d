package dev.vigil.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** At most one line per window, counting the refusals in between; a controlled clock, no waiting. */
class RefusalLogTest {

    @Test
    void oneLinePerWindowWithTheCount() {
        AtomicLong now = new AtomicLong(1_000);
        RefusalLog log = new RefusalLog(now::get);
        assertThat(log.record("x")).isEqualTo(1);
        for (int i = 0; i < 999; i++) {
            assertThat(log.record("x")).isZero();
        }
        now.addAndGet(RefusalLog.WINDOW_SECONDS * 1_000_000_000L - 1);
        assertThat(log.record("x")).isZero();
        now.addAndGet(1);
        assertThat(log.record("x")).isEqualTo(1001);
    }
}
