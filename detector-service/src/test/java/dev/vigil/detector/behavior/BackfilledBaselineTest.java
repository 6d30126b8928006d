package dev.vigil.detector.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.detector.streams.Records;
import dev.vigil.events.FlowLogRecord;
import org.junit.jupiter.api.Test;

/**
 * Issue 22, item 5: the learned baselines take late data as the windowed rules do. An instance's flow logs of the
 * learning period delivered after newer ones (a backfill of the bucket after live data started) learn the baseline
 * that the same logs delivered in time order would have learned: the first record after the period is judged against
 * it, and an unseen port then is reported either way.
 */
class BackfilledBaselineTest extends BehaviorTestBase {

    private static final String UNUSUAL = "Behavior:EC2/NetworkPortUnusual";

    private static FlowLogRecord out(String remote, int port, long endSec) {
        return Records.flow("10.0.0.5", remote, 50000, port, 6, 1000, "ACCEPT", endSec);
    }

    /** The learning hour: HTTPS to two hosts every 2 minutes from T0. */
    private void learningHour() {
        for (int i = 0; i < 30; i++) {
            h.flow(out(i % 2 == 0 ? "93.184.216.34" : "140.82.112.3", 443, T0 + i * 120L));
        }
    }

    @Test
    void inTimeOrderTheUnseenPortAfterTheHourIsReported() {
        learningHour();
        h.flow(out("93.184.216.34", 443, AFTER - 60));
        h.flow(out("198.51.100.77", 6667, AFTER));
        assertThat(ofType(h.candidates(), UNUSUAL)).hasSize(1);
    }

    @Test
    void theLearningHourBackfilledAfterLiveDataLearnsTheSameBaseline() {
        h.flow(out("93.184.216.34", 443, AFTER - 60)); // live data first: the profile starts here
        learningHour(); // then the bucket's earlier hour, in key order
        assertThat(h.candidates()).as("backfilled records are learned, not judged").isEmpty();
        h.flow(out("198.51.100.77", 6667, AFTER));
        assertThat(ofType(h.candidates(), UNUSUAL)).as("judged against the backfilled hour").hasSize(1);
    }

    @Test
    void liveDataAloneIsStillLearningAndReportsNothing() {
        h.flow(out("93.184.216.34", 443, AFTER - 60));
        h.flow(out("198.51.100.77", 6667, AFTER));
        assertThat(ofType(h.candidates(), UNUSUAL)).as("ten minutes of data is no baseline").isEmpty();
    }

    @Test
    void theHourBackfilledInReverseOrderLearnsTheSameBaseline() {
        h.flow(out("93.184.216.34", 443, AFTER - 60));
        for (int i = 29; i >= 0; i--) {
            h.flow(out(i % 2 == 0 ? "93.184.216.34" : "140.82.112.3", 443, T0 + i * 120L));
        }
        assertThat(h.candidates()).isEmpty();
        h.flow(out("198.51.100.77", 6667, AFTER));
        assertThat(ofType(h.candidates(), UNUSUAL)).hasSize(1);
    }
}
