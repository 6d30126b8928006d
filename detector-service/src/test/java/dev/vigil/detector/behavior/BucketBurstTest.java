package dev.vigil.detector.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BucketBurstTest {

    private static final long T0 = 1_733_500_200_000L; // a bucket start: a multiple of ten minutes
    private static final long MINUTE = 60_000L;
    private final BucketBurst burst = new BucketBurst("read", "readsPerActiveBucket", Duration.ofMinutes(10));

    @Test
    void callsOfOneBucketAreCountedAndAClosedBucketIsLearned() {
        Profile p = Profile.startingAt(T0);
        assertThat(burst.count(p, T0)).isEqualTo(1);
        assertThat(burst.count(p, T0 + 9 * MINUTE)).isEqualTo(2);
        assertThat(p.stat("readsPerActiveBucket").n).as("nothing learned while the bucket is open").isZero();

        assertThat(burst.count(p, T0 + 10 * MINUTE)).as("the next bucket starts at 1").isEqualTo(1);
        Welford w = p.stat("readsPerActiveBucket");
        assertThat(w.n).isEqualTo(1);
        assertThat(w.mean).isEqualTo(2.0);
        assertThat(p.counter("readCount", -1)).isEqualTo(1);
        assertThat(p.counter("readBucket", -1)).isEqualTo(Math.floorDiv(T0, 10 * MINUTE) + 1);
    }

    @Test
    void aRecordOfAnOlderBucketIsNotCountedAndChangesNothing() {
        Profile p = Profile.startingAt(T0);
        burst.count(p, T0 + 10 * MINUTE);
        long revision = p.revision();
        assertThat(burst.count(p, T0 + MINUTE)).isZero();
        assertThat(p.revision()).isEqualTo(revision);
        assertThat(p.counter("readCount", -1)).isEqualTo(1);
    }

    @Test
    void aBucketThatFiredIsNotLearnedAsNormalAndFiresOnce() {
        Profile p = Profile.startingAt(T0);
        for (int i = 0; i < 500; i++) {
            burst.count(p, T0 + i);
        }
        assertThat(burst.fired(p)).isFalse();
        burst.fire(p);
        assertThat(burst.fired(p)).isTrue();
        burst.count(p, T0 + 10 * MINUTE);
        assertThat(p.stat("readsPerActiveBucket").n).as("the burst's 500 calls not learned").isZero();
        assertThat(burst.fired(p)).as("a new bucket has not fired").isFalse();
    }
}
