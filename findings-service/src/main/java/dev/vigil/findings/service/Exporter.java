package dev.vigil.findings.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.events.Finding;
import dev.vigil.events.FindingEvent;
import dev.vigil.events.FindingIds;
import dev.vigil.events.Json;
import dev.vigil.events.model.FindingShapes;
import dev.vigil.findings.repository.Db;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Exports findings as EventBridge-shaped {@link FindingEvent}s to {@code vigil.findings.events.v1} (channel
 * {@code finding-events-out}, keyed by finding ID) and to the account's publishing destinations. A new finding is
 * exported at once; updates are exported when the detector's {@code findingPublishingFrequency} (FIFTEEN_MINUTES,
 * ONE_HOUR, SIX_HOURS; GuardDuty's default SIX_HOURS) has passed since the last export. Suppressed findings are never
 * exported. Rows wait in {@code export_pending} until the broker acknowledged, so nothing is lost on a failure.
 * Export times are read from the injected {@link Clock}.
 */
@ApplicationScoped
public class Exporter {

    private final Db db;
    private final MutinyEmitter<FindingEvent> events;
    private final DestinationService destinations;
    private final Clock clock;

    public Exporter(Db db, @Channel("finding-events-out") MutinyEmitter<FindingEvent> events, DestinationService destinations,
            Clock clock) {
        this.db = db;
        this.events = events;
        this.destinations = destinations;
        this.clock = clock;
    }

    /** Exports finding {@code id} now if it is pending and not suppressed (blocking until Kafka acknowledged). */
    public void exportNow(String id) {
        String doc = db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "select doc::text from finding where id = ? and export_pending and not suppressed")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
        if (doc != null) {
            publish(doc);
        }
    }

    /** Exports the pending updates whose publishing interval has passed (every {@code vigil.export.sweep-every}, default 60 s). */
    @Scheduled(every = "${vigil.export.sweep-every:60s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledSweep() {
        sweep();
    }

    /** One export sweep; returns the number of findings exported. */
    public int sweep() {
        List<String> due = db.tx(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select f.doc::text from finding f left join detector d "
                    + "on d.account_id = f.account_id and d.region = f.region where f.export_pending and not f.suppressed "
                    + "and (f.exported_at is null or f.exported_at + (case coalesce(d.publishing_frequency, 'SIX_HOURS') "
                    + "when 'FIFTEEN_MINUTES' then interval '15 minutes' when 'ONE_HOUR' then interval '1 hour' "
                    + "else interval '6 hours' end) <= ?) order by f.updated_at limit 500")) {
                ps.setTimestamp(1, Timestamp.from(clock.instant()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
        });
        int n = 0;
        for (String doc : due) {
            try {
                publish(doc);
                n++;
            } catch (RuntimeException e) {
                Log.warnf("export of a finding failed, retried at the next sweep: %s", e.getMessage());
            }
        }
        return n;
    }

    private void publish(String docText) {
        Finding finding = finding(FindingShapes.conform((ObjectNode) Json.read(docText, JsonNode.class)));
        FindingEvent event = event(finding);
        events.sendMessageAndAwait(Message.of(event).addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder().withKey(finding.id()).build()));
        destinations.deliver(finding.accountId(), finding.region(), event);
        String updatedAt = finding.updatedAt();
        db.tx(c -> Db.update(c, "update finding set export_pending = (doc->>'updatedAt' <> ?), exported_at = ? "
                + "where id = ?", updatedAt, clock.instant(), finding.id()));
    }

    /** The EventBridge event GuardDuty would emit for {@code finding}. */
    public static FindingEvent event(Finding finding) {
        String time = finding.updatedAt() != null ? finding.updatedAt() : FindingStore.iso(Instant.now());
        String arn = finding.arn() != null ? finding.arn() : FindingIds.arn("aws", finding.region(), finding.accountId(),
                "unknown", finding.id());
        return new FindingEvent("0", FindingIds.sha256Hex32(finding.id() + "@" + time), FindingEvent.DETAIL_TYPE,
                FindingEvent.SOURCE, finding.accountId(), time, finding.region(), List.of(arn), finding);
    }

    /** Reads a stored document as a {@link Finding}. */
    public static Finding finding(JsonNode doc) {
        return Json.MAPPER.convertValue(doc, Finding.class);
    }
}
