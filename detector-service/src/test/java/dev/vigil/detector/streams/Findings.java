package dev.vigil.detector.streams;

import dev.vigil.events.Finding;
import dev.vigil.events.FindingCandidate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Candidates aggregated into findings the way findings-service does ({@code FindingStore}): a candidate whose event
 * ID was applied before changes nothing; candidates with the same finding ID add their counts, keep the earliest
 * first-seen and the latest last-seen, and the latest candidate's other members. The first candidate's event ID is
 * kept (the one that created the finding).
 */
final class Findings {

    private Findings() {
    }

    /** One candidate per finding ID, in the order findings were created. */
    static List<FindingCandidate> merge(List<FindingCandidate> candidates) {
        Set<String> applied = new HashSet<>();
        Map<String, FindingCandidate> byId = new LinkedHashMap<>();
        for (FindingCandidate c : candidates) {
            if (!applied.add(c.eventId())) {
                continue;
            }
            byId.merge(c.finding().id(), c, Findings::add);
        }
        return new ArrayList<>(byId.values());
    }

    private static FindingCandidate add(FindingCandidate old, FindingCandidate in) {
        Finding.FindingService s = in.finding().service();
        Finding.FindingService o = old.finding().service();
        String first = min(o.eventFirstSeen(), s.eventFirstSeen());
        String last = max(o.eventLastSeen(), s.eventLastSeen());
        Finding.FindingService merged = new Finding.FindingService(s.action(), s.evidence(), s.archived(),
                o.count() + s.count(), s.detectorId(), first, last, s.resourceRole(), s.serviceName(),
                s.userFeedback(), s.additionalInfo(), s.featureName(), s.detection());
        Finding f = in.finding();
        Finding finding = new Finding(f.accountId(), f.arn(), f.confidence(), old.finding().createdAt(),
                f.description(), f.id(), f.partition(), f.region(), f.resource(), f.schemaVersion(), merged,
                Math.max(f.severity(), old.finding().severity()), f.title(), f.type(), f.updatedAt());
        return new FindingCandidate(old.schemaVersion(), old.eventId(), finding, in.observedAt());
    }

    private static String min(String a, String b) {
        return a == null ? b : b == null ? a : a.compareTo(b) <= 0 ? a : b;
    }

    private static String max(String a, String b) {
        return a == null ? b : b == null ? a : a.compareTo(b) >= 0 ? a : b;
    }
}
