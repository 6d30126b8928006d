package dev.vigil.detector.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class WindowKeyFilterTest {

    private static final long HOUR = Duration.ofHours(1).toMillis();
    private static final long T = 1_764_979_200_000L; // 2025-12-06T00:00:00Z, an hour boundary

    @Test
    void everyAddedKeyMayExistAndAKeyOfAnEmptyHourDoesNot() {
        WindowKeyFilter f = new WindowKeyFilter(64L * 1024 * 1024);
        IntStream.range(0, 10_000).forEach(i -> f.add("k" + i, T + i));
        assertThat(IntStream.range(0, 10_000)).allMatch(i -> f.mightContain("k" + i, T + i));
        // another hour with no keys: certainly absent
        assertThat(f.mightContain("k1", T + 2 * HOUR)).isFalse();
    }

    @Test
    void addIfAbsentIsTrueOnlyForAKeyTheFilterDidNotHold() {
        WindowKeyFilter f = new WindowKeyFilter(64L * 1024 * 1024);
        int n = WindowKeyFilter.KEYS_PER_FILTER + 20_000; // across a second filter of the hour
        long absent = IntStream.range(0, n).filter(i -> f.addIfAbsent("k" + i, T)).count();
        assertThat(f.bytes()).isEqualTo(2 * WindowKeyFilter.filterBytes());
        assertThat(absent).isGreaterThan(n - n / 50L); // only false positives say "may exist" for a new key
        assertThat(IntStream.range(0, n)).allMatch(i -> f.mightContain("k" + i, T))
                .noneMatch(i -> f.addIfAbsent("k" + i, T));
        // a key the filter denies is one addIfAbsent reports absent, once
        assertThat(f.mightContain("new-key", T + HOUR)).isFalse();
        assertThat(f.addIfAbsent("new-key", T + HOUR)).isTrue();
        assertThat(f.addIfAbsent("new-key", T + HOUR)).isFalse();
        // a forgotten hour is unknown: every key may exist
        f.forgetBefore(T + HOUR);
        assertThat(f.addIfAbsent("never-added", T)).isFalse();
    }

    @Test
    void falsePositivesStayNearTheConfiguredRate() {
        WindowKeyFilter f = new WindowKeyFilter(64L * 1024 * 1024);
        IntStream.range(0, 100_000).forEach(i -> f.add("present-" + i, T));
        long positives = IntStream.range(0, 100_000).filter(i -> f.mightContain("absent-" + i, T)).count();
        assertThat(positives).isLessThan(2_000); // 1 % configured, 2 % allowed
    }

    @Test
    void anHourWithMoreKeysThanOneFilterGetsAnother() {
        WindowKeyFilter f = new WindowKeyFilter(64L * 1024 * 1024);
        int n = WindowKeyFilter.KEYS_PER_FILTER + 1_000;
        IntStream.range(0, n).forEach(i -> f.add("k" + i, T));
        assertThat(f.bytes()).isEqualTo(2 * WindowKeyFilter.filterBytes());
        assertThat(IntStream.range(0, n)).allMatch(i -> f.mightContain("k" + i, T));
    }

    @Test
    void forgottenHoursAnswerThatAKeyMayExist() {
        WindowKeyFilter f = new WindowKeyFilter(64L * 1024 * 1024);
        f.add("old", T);
        f.add("new", T + 3 * HOUR);
        f.forgetBefore(T + 2 * HOUR);
        assertThat(f.mightContain("never-added", T)).isTrue();
        assertThat(f.mightContain("never-added", T + HOUR)).isTrue();
        assertThat(f.mightContain("new", T + 3 * HOUR)).isTrue();
        assertThat(f.mightContain("never-added", T + 3 * HOUR)).isFalse();
        assertThat(f.bytes()).isEqualTo(WindowKeyFilter.filterBytes());
    }

    @Test
    void atItsBoundItForgetsTheOldestHoursFirstAndStaysCorrect() {
        WindowKeyFilter f = new WindowKeyFilter(2 * WindowKeyFilter.filterBytes());
        f.add("h0", T);
        f.add("h1", T + HOUR);
        f.add("h2", T + 2 * HOUR); // needs a third filter: hour 0 goes
        assertThat(f.bytes()).isEqualTo(2 * WindowKeyFilter.filterBytes());
        assertThat(f.mightContain("anything", T)).isTrue();
        assertThat(f.mightContain("h1", T + HOUR)).isTrue();
        assertThat(f.mightContain("h2", T + 2 * HOUR)).isTrue();
        assertThat(f.mightContain("absent", T + 2 * HOUR)).isFalse();
    }

    @Test
    void aKeyOfAnHourOlderThanAllFilteredOnesIsNeverDeniedAtTheBound() {
        WindowKeyFilter f = new WindowKeyFilter(WindowKeyFilter.filterBytes());
        f.add("h5", T + 5 * HOUR);
        f.add("h1", T + HOUR); // no room: the older hour cannot take the only filter from the newer one
        assertThat(f.mightContain("h1", T + HOUR)).isTrue();
        assertThat(f.mightContain("h5", T + 5 * HOUR)).isTrue();
    }
}
