package dev.vigil.detector.streams;

import dev.vigil.detector.config.RulesConfig;
import dev.vigil.detector.threatintel.BuiltInThreatIntel;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.streams.Topology;

/** Produces the detector's Kafka Streams topology ({@link DetectorTopology}) for quarkus-kafka-streams. */
@ApplicationScoped
public class TopologyProducer {

    private final RulesConfig config;

    /** A producer using the {@code detector.rules.*} configuration. */
    public TopologyProducer(RulesConfig config) {
        this.config = config;
    }

    /** Builds the topology with the built-in threat lists (or those of {@code detector.rules.threat-intel-directory}). */
    @Produces
    public Topology buildTopology() {
        Topology topology = new DetectorTopology(config, BuiltInThreatIntel.load(config.threatIntelDirectory())).build();
        Log.debugf("detector topology:%n%s", topology.describe());
        return topology;
    }
}
