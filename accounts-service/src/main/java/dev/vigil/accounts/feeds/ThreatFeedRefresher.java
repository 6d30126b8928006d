package dev.vigil.accounts.feeds;

import dev.vigil.accounts.config.VigilConfig;
import dev.vigil.accounts.lists.ListParser;
import dev.vigil.events.ThreatFeedState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Keeps the operator's threat feeds ({@code vigil.feeds."name".*}) fresh: each is fetched at start-up and then every
 * {@code refresh}, conditionally ({@link FeedFetcher}); a new copy is parsed as a list file of its format
 * ({@link ListParser}) and validated before it replaces the last good one: a copy that fails to download, in which
 * nothing parses, or that has fewer than {@code min-kept-fraction} of the last good copy's entries is refused, and
 * the last good copy stays in force (the detectors keep it: the topic is compacted). A good copy is published on
 * {@code vigil.threat-feeds.v1}, keyed by feed name, for every detector replica.
 *
 * <p>Signals: {@link #statuses()} (the {@code threat-feeds} health group), gauges {@code vigil_threat_feed_entries}
 * and {@code vigil_threat_feed_failing} (1 while the last attempt failed) and the counter
 * {@code vigil_threat_feed_refreshes_total} by {@code outcome} (updated, not_modified, refused, failed), all tagged
 * {@code feed}. The last good copy's size is held per replica: after a restart the first good copy is taken as is.
 */
@ApplicationScoped
public class ThreatFeedRefresher {

    private final VigilConfig config;
    private final FeedFetcher fetcher;
    private final MutinyEmitter<ThreatFeedState> out;
    private final MeterRegistry registry;
    private final Vertx vertx;
    private final Map<String, FeedStatus> statuses = new ConcurrentHashMap<>();

    public ThreatFeedRefresher(VigilConfig config, FeedFetcher fetcher, @Channel("threat-feeds-out") MutinyEmitter<ThreatFeedState> out,
            MeterRegistry registry, Vertx vertx) {
        this.config = config;
        this.fetcher = fetcher;
        this.out = out;
        this.registry = registry;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent ev) {
        config.feeds().forEach((name, feed) -> {
            statuses.put(name, FeedStatus.NEW);
            Gauge.builder("vigil_threat_feed_entries", () -> statuses.getOrDefault(name, FeedStatus.NEW).entries())
                    .tag("feed", name).description("entries of the feed's last good copy").register(registry);
            Gauge.builder("vigil_threat_feed_failing", () -> statuses.getOrDefault(name, FeedStatus.NEW).error() == null ? 0 : 1)
                    .tag("feed", name).description("1 while the feed's last attempt failed (its last good copy stays)")
                    .register(registry);
            Runnable run = () -> vertx.executeBlocking(Uni.createFrom().item(() -> refresh(name)), false).subscribe()
                    .with(x -> { }, e -> Log.warnf("threat feed %s: %s", name, e.toString()));
            vertx.setTimer(1, id -> run.run());
            vertx.setPeriodic(Math.max(1000, feed.refresh().toMillis()), id -> run.run());
        });
    }

    /** Every configured feed's status, by name. */
    public Map<String, FeedStatus> statuses() {
        return Map.copyOf(statuses);
    }

    /**
     * Fetches, validates and (when good and changed) publishes one feed; blocking.
     *
     * @return the feed's status afterwards
     */
    public synchronized FeedStatus refresh(String name) {
        VigilConfig.Feed feed = config.feeds().get(name);
        FeedStatus last = statuses.getOrDefault(name, FeedStatus.NEW);
        Instant now = Instant.now();
        FeedStatus next;
        String outcome;
        try {
            FeedFetcher.Fetched f = fetcher.fetch(feed.url(), last.etag(), last.lastModified());
            if (f.notModified()) {
                next = new FeedStatus(last.entries(), now, last.etag(), last.lastModified(), now, null);
                outcome = "not_modified";
            } else {
                ListParser.Result r = ListParser.parse(feed.format(), f.content(), true);
                List<String> entries = new ArrayList<>(r.cidrs());
                entries.addAll(r.domains());
                String refusal = refusal(feed, last, entries.size(), r.bad().size());
                if (refusal != null) {
                    next = new FeedStatus(last.entries(), last.goodAt(), last.etag(), last.lastModified(), now, refusal);
                    outcome = "refused";
                } else {
                    publish(name, feed, entries, now);
                    next = new FeedStatus(entries.size(), now, f.etag(), f.lastModified(), now, null);
                    outcome = "updated";
                }
            }
        } catch (FeedFetcher.FeedFetchException e) {
            next = new FeedStatus(last.entries(), last.goodAt(), last.etag(), last.lastModified(), now, e.getMessage());
            outcome = "failed";
        } catch (IllegalArgumentException e) { // unknown format
            next = new FeedStatus(last.entries(), last.goodAt(), last.etag(), last.lastModified(), now, e.getMessage());
            outcome = "failed";
        }
        statuses.put(name, next);
        Counter.builder("vigil_threat_feed_refreshes").tag("feed", name).tag("outcome", outcome)
                .description("threat-feed refresh attempts by outcome").register(registry).increment();
        if (next.error() != null) {
            Log.warnf("threat feed %s: %s; %s", name, next.error(),
                    last.goodAt() == null ? "no good copy yet" : "the last good copy (" + last.entries() + " entries) stays");
        } else if (outcome.equals("updated")) {
            Log.infof("threat feed %s: %d entries published", name, next.entries());
        }
        return next;
    }

    /** Why a parsed copy must not replace the last good one, or {@code null}. */
    static String refusal(VigilConfig.Feed feed, FeedStatus last, int entries, int rejected) {
        if (entries == 0) {
            return "no entry of the new copy parses (" + rejected + " rejected lines)";
        }
        if (last.goodAt() != null && entries < last.entries() * feed.minKeptFraction()) {
            return "the new copy has " + entries + " entries against " + last.entries() + " in the last good one";
        }
        return null;
    }

    private void publish(String name, VigilConfig.Feed feed, List<String> entries, Instant now) {
        ThreatFeedState state = new ThreatFeedState(ThreatFeedState.SCHEMA_VERSION, name, feed.category(),
                feed.listName().orElse(name), entries, feed.url(), now.toEpochMilli(), now.toEpochMilli());
        // blocking wait: the copy counts as published only once Kafka has it
        out.sendMessageAndAwait(Message.of(state).addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(name).build()));
    }
}
