package dev.vigil.detector.streams;

import dev.vigil.detector.config.RulesConfig;
import dev.vigil.detector.threatintel.BuiltInThreatIntel;
import dev.vigil.events.AccountState;
import dev.vigil.events.CloudTrailRecord;
import dev.vigil.events.DnsLogRecord;
import dev.vigil.events.FindingCandidate;
import dev.vigil.events.FlowLogRecord;
import dev.vigil.events.Serdes;
import dev.vigil.events.ThreatListState;
import dev.vigil.events.Topics;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * Runs the real {@link DetectorTopology} in a {@link TopologyTestDriver} (no broker): real serdes, real state stores
 * in a temporary directory, explicit record timestamps. Nothing is mocked.
 */
public final class Harness implements AutoCloseable {

    public static final String ACCOUNT = "111111111111";
    public static final String REGION = "us-east-1";
    public static final String DETECTOR = "12abc34d567e8fa901bc2d34e56789f0";

    /** Kafka's INFO chatter off in tests (held statically so the logger configuration is not collected). */
    private static final java.util.logging.Logger KAFKA_LOG = java.util.logging.Logger.getLogger("org.apache.kafka");

    static {
        KAFKA_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    private final TopologyTestDriver driver;
    private final TestInputTopic<String, AccountState> accounts;
    private final TestInputTopic<String, ThreatListState> lists;
    private final TestInputTopic<String, FlowLogRecord> flows;
    private final TestInputTopic<String, DnsLogRecord> dns;
    private final TestInputTopic<String, CloudTrailRecord> trail;
    private final TestOutputTopic<String, FindingCandidate> out;
    private final dev.vigil.events.KeyGuard keys = new dev.vigil.events.KeyGuard(
            new io.micrometer.core.instrument.simple.SimpleMeterRegistry());

    /** A harness with the default rules plus {@code overrides} and the shipped built-in lists. */
    public Harness(Map<String, String> overrides) {
        this(config(overrides), BuiltInThreatIntel.load(Optional.ofNullable(overrides.get("detector.rules.threat-intel-directory"))));
    }

    /** A harness with the default rules. */
    public Harness() {
        this(Map.of());
    }

    /** A harness with {@code config} and {@code intel}, with in-memory stores. */
    public Harness(RulesConfig config, BuiltInThreatIntel intel) {
        this(config, intel, true);
    }

    /** A harness with {@code config} and {@code intel}; RocksDB stores (the production default) unless in-memory. */
    public Harness(RulesConfig config, BuiltInThreatIntel intel, boolean inMemoryStores) {
        this(config, intel, inMemoryStores, null);
    }

    /**
     * A harness with the default rules plus {@code overrides}, in-memory stores, and the driver's mock wall clock
     * starting at {@code wallClock} (it moves only through {@link #advanceWallClock}).
     */
    public Harness(Map<String, String> overrides, Instant wallClock) {
        this(config(overrides), BuiltInThreatIntel.load(Optional.empty()), true, wallClock);
    }

    private Harness(RulesConfig config, BuiltInThreatIntel intel, boolean inMemoryStores, Instant wallClock) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "vigil-detector-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        try {
            props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory(Files.createDirectories(java.nio.file.Path.of("target", "kstreams-test")), "driver").toString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        // in-memory window stores and buffers (changelogged like RocksDB ones): RocksDB segments cost seconds per test
        if (inMemoryStores) {
            props.put(StreamsConfig.DSL_STORE_SUPPLIERS_CLASS_CONFIG,
                    org.apache.kafka.streams.state.BuiltInDslStoreSuppliers.InMemoryDslStoreSuppliers.class);
        }
        org.apache.kafka.streams.Topology topology = new DetectorTopology(config, intel, keys).build(props);
        driver = wallClock == null ? new TopologyTestDriver(topology, props)
                : new TopologyTestDriver(topology, props, wallClock);
        StringSerializer ks = new StringSerializer();
        accounts = driver.createInputTopic(Topics.ACCOUNTS_STATE, ks, new Serdes.Account());
        lists = driver.createInputTopic(Topics.THREAT_LISTS, ks, new Serdes.ThreatLists());
        flows = driver.createInputTopic(Topics.FLOW_LOGS, ks, new Serdes.FlowLog());
        dns = driver.createInputTopic(Topics.DNS_LOGS, ks, new Serdes.DnsLog());
        trail = driver.createInputTopic(Topics.CLOUDTRAIL, ks, new Serdes.CloudTrail());
        out = driver.createOutputTopic(Topics.FINDINGS_CANDIDATES, new StringDeserializer(), new Serdes.Candidate());
    }

    /** The rules configuration: the {@code @WithDefault} defaults plus {@code overrides}. */
    public static RulesConfig config(Map<String, String> overrides) {
        SmallRyeConfig c = new SmallRyeConfigBuilder()
                .withMapping(RulesConfig.class)
                .withSources(new PropertiesConfigSource(overrides, "test", 500))
                .build();
        return c.getConfigMapping(RulesConfig.class);
    }

    /** Publishes the account's state with one detector in {@link #REGION} of the given status. */
    public Harness account(String accountId, String status) {
        accounts.pipeInput(accountId, new AccountState(1, accountId, 1, List.of(new AccountState.Detector(DETECTOR,
                REGION, status, "SIX_HOURS", true, true, true, 0L)), null, List.of(), 0L), 0L);
        return this;
    }

    /** Publishes the account's threat lists. */
    public Harness lists(ThreatListState state) {
        lists.pipeInput(state.accountId(), state, 0L);
        return this;
    }

    /** Publishes {@code state} under {@code key} (normally its own account). */
    public Harness account(String key, AccountState state) {
        accounts.pipeInput(key, state, 0L);
        return this;
    }

    /** Publishes {@code state} under {@code key} (normally its own account). */
    public Harness lists(String key, ThreatListState state) {
        lists.pipeInput(key, state, 0L);
        return this;
    }

    /** Sends a CloudTrail record under {@code key} (normally {@link CloudTrailRecord#key()}). */
    public void cloudTrail(String key, CloudTrailRecord c) {
        trail.pipeInput(key, c, Instant.ofEpochMilli(c.eventTimeMillis()));
    }

    /** Records of {@code topic} dropped (or table values ignored) because their account did not match their key. */
    public double dropped(String topic) {
        return keys.dropped(topic);
    }

    /** Sends a flow record with its event time as timestamp. */
    public void flow(FlowLogRecord f) {
        flows.pipeInput(f.key(), f, Instant.ofEpochMilli(f.eventTimeMillis()));
    }

    /** Sends a DNS record with its event time as timestamp. */
    public void dns(DnsLogRecord d) {
        dns.pipeInput(d.key(), d, Instant.ofEpochMilli(d.eventTimeMillis()));
    }

    /** Sends a CloudTrail record with its event time as timestamp. */
    public void cloudTrail(CloudTrailRecord c) {
        trail.pipeInput(c.key(), c, Instant.ofEpochMilli(c.eventTimeMillis()));
    }

    /** Advances the driver's mock wall clock by {@code by}, running due wall-clock punctuators (the idle flush). */
    public void advanceWallClock(java.time.Duration by) {
        driver.advanceWallClockTime(by);
    }

    /** Every candidate emitted since the last call. */
    public List<FindingCandidate> candidates() {
        return out.readValuesToList();
    }

    /** The keys and candidates emitted since the last call. */
    public List<org.apache.kafka.streams.test.TestRecord<String, FindingCandidate>> records() {
        return out.readRecordsToList();
    }

    @Override
    public void close() {
        driver.close();
    }
}
