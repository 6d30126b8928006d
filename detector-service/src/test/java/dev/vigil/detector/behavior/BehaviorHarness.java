package dev.vigil.detector.behavior;

import dev.vigil.detector.rules.Tenant;
import dev.vigil.detector.streams.Harness;
import dev.vigil.events.CloudTrailRecord;
import dev.vigil.events.DnsLogRecord;
import dev.vigil.events.FindingCandidate;
import dev.vigil.events.FlowLogRecord;
import dev.vigil.events.Serdes;
import dev.vigil.events.Topics;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Runs {@link BehaviorTopology} alone in a {@link TopologyTestDriver}: the three log topics feed it directly with a
 * fixed tenant ({@link Harness#ACCOUNT}, {@link Harness#REGION}, {@link Harness#DETECTOR}), real serdes and real
 * persistent stores in a temporary directory. (The full detector topology, accounts join included, is exercised by
 * {@code BehaviorWiringTest}.)
 */
final class BehaviorHarness implements AutoCloseable {

    static final Tenant TENANT = new Tenant(Harness.ACCOUNT, Harness.REGION, Harness.DETECTOR, null);

    /** Kafka's INFO chatter off in tests (held statically so the logger configuration is not collected). */
    private static final java.util.logging.Logger KAFKA_LOG = java.util.logging.Logger.getLogger("org.apache.kafka");

    static {
        KAFKA_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    private final TopologyTestDriver driver;
    private final TestInputTopic<String, FlowLogRecord> flows;
    private final TestInputTopic<String, DnsLogRecord> dns;
    private final TestInputTopic<String, CloudTrailRecord> trail;
    private final TestOutputTopic<String, FindingCandidate> out;

    BehaviorHarness(Map<String, String> overrides) {
        this(overrides, dev.vigil.detector.enrichment.GeoIp.none());
    }

    /** With callers' networks by the ASN database of {@code geo}, if it has one. */
    BehaviorHarness(Map<String, String> overrides, dev.vigil.detector.enrichment.GeoIp geo) {
        BehaviorTopology behavior = new BehaviorTopology(config(overrides), domain -> false, geo,
                new dev.vigil.detector.rules.FindingFactory(java.util.Map.of()));
        StreamsBuilder b = new StreamsBuilder();
        var key = org.apache.kafka.common.serialization.Serdes.String();
        var f = b.stream(Topics.FLOW_LOGS, Consumed.with(key, new Serdes.FlowLog()));
        var d = b.stream(Topics.DNS_LOGS, Consumed.with(key, new Serdes.DnsLog()));
        var c = b.stream(Topics.CLOUDTRAIL, Consumed.with(key, new Serdes.CloudTrail()));
        behavior.flows(b, f, v -> v, v -> TENANT)
                .merge(behavior.dns(b, d, v -> v, v -> TENANT))
                .merge(behavior.cloudTrail(b, c, v -> v, v -> TENANT))
                .to(Topics.FINDINGS_CANDIDATES, Produced.with(key, new Serdes.Candidate()));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "vigil-behavior-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        try {
            Path dir = Files.createDirectories(Path.of("target", "kstreams-test"));
            props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory(dir, "behavior").toString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        driver = new TopologyTestDriver(b.build(), props);
        StringSerializer ks = new StringSerializer();
        flows = driver.createInputTopic(Topics.FLOW_LOGS, ks, new Serdes.FlowLog());
        dns = driver.createInputTopic(Topics.DNS_LOGS, ks, new Serdes.DnsLog());
        trail = driver.createInputTopic(Topics.CLOUDTRAIL, ks, new Serdes.CloudTrail());
        out = driver.createOutputTopic(Topics.FINDINGS_CANDIDATES, new StringDeserializer(), new Serdes.Candidate());
    }

    /** The behaviour configuration: the {@code @WithDefault} defaults plus {@code overrides}. */
    static BehaviorConfig config(Map<String, String> overrides) {
        return new SmallRyeConfigBuilder().withMapping(BehaviorConfig.class)
                .withSources(new PropertiesConfigSource(overrides, "test", 500)).build()
                .getConfigMapping(BehaviorConfig.class);
    }

    void flow(FlowLogRecord f) {
        flows.pipeInput(f.key(), f, Instant.ofEpochMilli(f.eventTimeMillis()));
    }

    void dns(DnsLogRecord d) {
        dns.pipeInput(d.key(), d, Instant.ofEpochMilli(d.eventTimeMillis()));
    }

    void cloudTrail(CloudTrailRecord c) {
        trail.pipeInput(c.key(), c, Instant.ofEpochMilli(c.eventTimeMillis()));
    }

    /** Every candidate emitted since the last call. */
    List<FindingCandidate> candidates() {
        return out.readValuesToList();
    }

    /** The profile stored for {@code key} in {@code store}. */
    Profile profile(String store, String key) {
        return driver.<String, Profile>getKeyValueStore(store).get(key);
    }

    @Override
    public void close() {
        driver.close();
    }
}
