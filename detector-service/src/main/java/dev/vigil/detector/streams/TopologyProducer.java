package dev.vigil.detector.streams;

import dev.vigil.events.FindingCandidate;
import dev.vigil.events.FlowLogRecord;
import dev.vigil.events.Serdes;
import dev.vigil.events.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.common.serialization.Serdes.StringSerde;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The detector's Kafka Streams topology: log topics in, finding candidates out.
 *
 * <p>Foundation version: it wires the contract's topics and serdes end to end; the detections are added by the
 * detector-service issue.
 */
@ApplicationScoped
public class TopologyProducer {

    /** Builds the topology. */
    @Produces
    public Topology buildTopology() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(Topics.FLOW_LOGS, Consumed.with(new StringSerde(), new Serdes.FlowLog()))
                .filter((key, flow) -> false)
                .mapValues(flow -> (FindingCandidate) null)
                .to(Topics.FINDINGS_CANDIDATES, Produced.with(new StringSerde(), new Serdes.Candidate()));
        return builder.build();
    }
}
