package dev.vigil.detector.behavior;

import dev.vigil.detector.streams.Records;
import dev.vigil.events.FindingCandidate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh {@link BehaviorHarness} per test with a one-hour learning period (the default is 7 days). */
abstract class BehaviorTestBase {

    /** Start of the learning period. */
    static final long T0 = Records.T0;
    /** Ten minutes after the learning period. */
    static final long AFTER = T0 + 3600 + 600;
    BehaviorHarness h;

    @BeforeEach
    void start() {
        h = new BehaviorHarness(Map.of("detector.behavior.learning-period", "PT1H"));
    }

    @AfterEach
    void stop() {
        h.close();
    }

    static List<FindingCandidate> ofType(List<FindingCandidate> all, String type) {
        return all.stream().filter(c -> c.finding().type().equals(type)).toList();
    }
}
