package dev.vigil.detector.streams;

import dev.vigil.detector.config.RulesConfig;
import dev.vigil.detector.threatintel.BuiltInThreatIntel;
import dev.vigil.events.KeyGuard;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.streams.Topology;

/** Produces the detector's Kafka Streams topology ({@link DetectorTopology}) for quarkus-kafka-streams. */
@ApplicationScoped
public class TopologyProducer {

    private final RulesConfig config;
    private final MeterRegistry registry;

    /** A producer using the {@code detector.rules.*} configuration; dropped records are counted in {@code registry}. */
    public TopologyProducer(RulesConfig config, MeterRegistry registry) {
        this.config = config;
        this.registry = registry;
    }

    /** Builds the topology with the built-in threat lists (or those of {@code detector.rules.threat-intel-directory}). */
    @Produces
    public Topology buildTopology() {
        Topology topology = new DetectorTopology(config, BuiltInThreatIntel.load(config.threatIntelDirectory()),
                new KeyGuard(registry)).build();
        Log.debugf("detector topology:%n%s", topology.describe());
        return topology;
    }
}
