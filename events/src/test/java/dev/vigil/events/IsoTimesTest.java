package dev.vigil.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link IsoTimes}: the remembered value is always the text's own. */
class IsoTimesTest {

    @Test
    void readsInstantsAndAnswersEachTextWithItsOwnValue() {
        String a = "2026-12-07T00:15:00Z";
        String b = new String("2026-12-07T00:15:01.250Z");
        assertThat(IsoTimes.epochMillis(a)).isEqualTo(1_796_602_500_000L);
        assertThat(IsoTimes.epochMillis(a)).isEqualTo(1_796_602_500_000L);
        assertThat(IsoTimes.epochMillis(b)).isEqualTo(1_796_602_501_250L);
        assertThat(IsoTimes.epochMillis(new String(a))).isEqualTo(1_796_602_500_000L);
        assertThat(IsoTimes.epochMillis(b)).isEqualTo(1_796_602_501_250L);
    }

    @Test
    void absentOrUnreadableTextIsZero() {
        assertThat(IsoTimes.epochMillis(null)).isZero();
        assertThat(IsoTimes.epochMillis("yesterday")).isZero();
        assertThat(IsoTimes.epochMillis("yesterday")).isZero();
        assertThat(IsoTimes.epochMillis("2026-12-07T00:15:00Z")).isEqualTo(1_796_602_500_000L);
    }

    @Test
    void recordsUseIt() {
        DnsLogRecord d = new DnsLogRecord(1, "e", "111111111111", "1.1", "111111111111", "us-east-1", "vpc-1",
                "2026-12-07T00:15:00Z", "example.com", "A", "IN", "NOERROR", null, "10.0.0.1", "53000", "UDP", null,
                null, null, null);
        assertThat(d.eventTimeMillis()).isEqualTo(1_796_602_500_000L);
    }
}
