package dev.vigil.detector.streams;

import dev.vigil.detector.commits.BacklogSignal;
import dev.vigil.detector.commits.CommitPacing;
import dev.vigil.detector.commits.CommitsConfig;
import dev.vigil.detector.config.RulesConfig;
import dev.vigil.detector.enrichment.EnrichmentConfig;
import dev.vigil.detector.enrichment.GeoIp;
import dev.vigil.detector.threatintel.BuiltInThreatIntel;
import dev.vigil.events.KeyGuard;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.Topology;

/** Produces the detector's Kafka Streams topology ({@link DetectorTopology}) for quarkus-kafka-streams. */
@ApplicationScoped
public class TopologyProducer {

    private final RulesConfig config;
    private final EnrichmentConfig enrichment;
    private final MeterRegistry registry;
    private final CommitsConfig commits;
    private final BacklogSignal backlog;

    /**
     * A producer using the {@code detector.rules.*}, {@code detector.enrichment.*} and {@code detector.commits.*}
     * configuration; dropped records and observations beyond the lateness horizon are counted in {@code registry};
     * commits are paced by {@code backlog} ({@link CommitPacing}).
     */
    public TopologyProducer(RulesConfig config, EnrichmentConfig enrichment, MeterRegistry registry,
            CommitsConfig commits, BacklogSignal backlog) {
        this.config = config;
        this.enrichment = enrichment;
        this.registry = registry;
        this.commits = commits;
        this.backlog = backlog;
    }

    /**
     * The built-in threat lists (or those of {@code detector.rules.threat-intel-directory}), one per service: the
     * topology reads them and the threat-feed subscriber updates them.
     */
    @Produces
    @Singleton
    public BuiltInThreatIntel threatIntel() {
        return BuiltInThreatIntel.load(config.threatIntelDirectory());
    }

    /** Builds the topology with {@code intel} and the MaxMind databases of {@code detector.enrichment.*}, if any. */
    @Produces
    public Topology buildTopology(BuiltInThreatIntel intel) {
        Topology topology = new DetectorTopology(config, intel, GeoIp.of(enrichment), new KeyGuard(registry), registry).build();
        if (commits.enabled()) {
            CommitPacing.install(topology, backlog::behind, commits.caughtUpInterval());
        }
        Log.debugf("detector topology:%n%s", topology.describe());
        return topology;
    }
}
