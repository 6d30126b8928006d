package dev.vigil.detector.streams;

import dev.vigil.detector.config.RulesConfig;
import dev.vigil.detector.threatintel.BuiltInThreatIntel;
import dev.vigil.events.AccountState;
import dev.vigil.events.CloudTrailRecord;
import dev.vigil.events.DnsLogRecord;
import dev.vigil.events.FindingCandidate;
import dev.vigil.events.FlowLogRecord;
import dev.vigil.events.Json;
import dev.vigil.events.model.FindingModel;
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
    private final Map<String, org.apache.kafka.streams.TestOutputTopic<String, byte[]>> changelogs =
            new java.util.HashMap<>();
    private final java.nio.file.Path stateDir;
    private final TestInputTopic<String, AccountState> accounts;
    private final TestInputTopic<String, ThreatListState> lists;
    private final TestInputTopic<String, FlowLogRecord> flows;
    private final TestInputTopic<String, DnsLogRecord> dns;
    private final TestInputTopic<String, CloudTrailRecord> trail;
    private final TestOutputTopic<String, FindingCandidate> out;
    private final io.micrometer.core.instrument.simple.SimpleMeterRegistry registry =
            new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
    private final dev.vigil.events.KeyGuard keys = new dev.vigil.events.KeyGuard(registry);
    private DetectorTopology detector;

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

    /** As {@link #Harness(Map, Instant)} with the built-in lists {@code intel} (loaded once by the caller). */
    public Harness(Map<String, String> overrides, Instant wallClock, BuiltInThreatIntel intel) {
        this(config(overrides), intel, true, wallClock);
    }

    /**
     * A harness with the default rules plus {@code overrides}, RocksDB stores (the production default) in
     * {@code stateDir}, and the driver's mock wall clock starting at {@code wallClock}: a second harness on the same
     * directory after {@link #closeKeepingState()} is the same application restarted on the same volume.
     */
    public Harness(Map<String, String> overrides, java.nio.file.Path stateDir, Instant wallClock) {
        this(config(overrides), BuiltInThreatIntel.load(Optional.empty()), false, wallClock, stateDir);
    }

    /** A harness with the default rules plus {@code overrides}, in-memory stores, and findings enriched by {@code geo}. */
    public Harness(Map<String, String> overrides, dev.vigil.detector.enrichment.GeoIp geo) {
        this(config(overrides), BuiltInThreatIntel.load(Optional.empty()), true, null, null, geo);
    }

    private Harness(RulesConfig config, BuiltInThreatIntel intel, boolean inMemoryStores, Instant wallClock) {
        this(config, intel, inMemoryStores, wallClock, null);
    }

    private Harness(RulesConfig config, BuiltInThreatIntel intel, boolean inMemoryStores, Instant wallClock,
            java.nio.file.Path stateDir) {
        this(config, intel, inMemoryStores, wallClock, stateDir, dev.vigil.detector.enrichment.GeoIp.none());
    }

    private Harness(RulesConfig config, BuiltInThreatIntel intel, boolean inMemoryStores, Instant wallClock,
            java.nio.file.Path stateDir, dev.vigil.detector.enrichment.GeoIp geo) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "vigil-detector-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        try {
            this.stateDir = stateDir != null ? stateDir
                    : Files.createTempDirectory(Files.createDirectories(java.nio.file.Path.of("target", "kstreams-test")), "driver");
            props.put(StreamsConfig.STATE_DIR_CONFIG, this.stateDir.toString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        // in-memory window stores and buffers (changelogged like RocksDB ones): RocksDB segments cost seconds per test
        if (inMemoryStores) {
            props.put(StreamsConfig.DSL_STORE_SUPPLIERS_CLASS_CONFIG,
                    org.apache.kafka.streams.state.BuiltInDslStoreSuppliers.InMemoryDslStoreSuppliers.class);
        }
        detector = new DetectorTopology(config, intel, geo, keys, registry);
        org.apache.kafka.streams.Topology topology = detector.build(props);
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

    /** Observations older than the lateness horizon, not windowed (the metric's count). */
    public double beyondHorizon() {
        return detector.beyondHorizon();
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

    /** Puts {@code value} under {@code key} in the key-value state store {@code name} (state an earlier version left). */
    public <V> void put(String name, String key, V value) {
        driver.<String, V>getKeyValueStore(name).put(key, value);
    }

    /**
     * Keys written to the changelog of state store {@code name} since the last call (the driver commits after every
     * record, so every store write that a commit flushes is one record here).
     */
    public List<String> changelog(String name) {
        return changelogs.computeIfAbsent(name, n -> driver.createOutputTopic("vigil-detector-test-" + n + "-changelog",
                new StringDeserializer(), new org.apache.kafka.common.serialization.ByteArrayDeserializer()))
                .readKeyValuesToList().stream().map(kv -> kv.key).toList();
    }

    /** Entries of the key-value state store {@code name} (in-memory stores: exact). */
    public long entries(String name) {
        long n = 0;
        try (var it = driver.getKeyValueStore(name).all()) {
            for (; it.hasNext(); it.next()) {
                n++;
            }
        }
        return n;
    }

    /**
     * Every single-signal candidate emitted since the last call (attack sequences: {@link #allCandidates()}); each
     * finding is first checked against the GuardDuty model's
     * shapes ({@link FindingModel}), so every test of every rule also proves the SDKs can read what it emits.
     */
    public List<FindingCandidate> candidates() {
        return allCandidates().stream().filter(c -> !isSequence(c)).toList();
    }

    /**
     * Every candidate emitted since the last call, attack sequences ({@code AttackSequence:*}, the correlation of the
     * others: their tests are in {@code dev.vigil.detector.sequence}) included; checked as {@link #candidates()}.
     */
    public List<FindingCandidate> allCandidates() {
        List<FindingCandidate> all = out.readValuesToList();
        all.forEach(Harness::requireModelShape);
        return all;
    }

    /**
     * The keys and candidates emitted since the last call but attack sequences, checked as {@link #candidates()}
     * checks them.
     */
    public List<org.apache.kafka.streams.test.TestRecord<String, FindingCandidate>> records() {
        List<org.apache.kafka.streams.test.TestRecord<String, FindingCandidate>> all = out.readRecordsToList();
        all.forEach(r -> requireModelShape(r.value()));
        return all.stream().filter(r -> !isSequence(r.value())).toList();
    }

    private static boolean isSequence(FindingCandidate c) {
        return c.finding() != null && c.finding().type() != null && c.finding().type().startsWith("AttackSequence:");
    }

    /** Fails with the departures if {@code c}'s finding does not have the JSON types the GuardDuty model declares. */
    public static void requireModelShape(FindingCandidate c) {
        List<String> violations = FindingModel.guardDuty().violations(Json.MAPPER.valueToTree(c.finding()));
        if (!violations.isEmpty()) {
            throw new AssertionError("finding " + c.finding().type() + " departs from the GuardDuty model: " + violations);
        }
    }

    @Override
    public void close() {
        driver.close();
    }

    /**
     * Stops the application as a restart would and leaves its local state where it was.
     *
     * <p>{@link TopologyTestDriver#close()} deletes every task directory under {@code state.dir} (it ends with
     * {@code StateDirectory.clean()}, like {@code KafkaStreams.cleanUp()}), so a new driver on the same directory
     * would start empty. This copies the state directory aside after the last commit (the driver commits after every
     * input record: RocksDB stores are flushed and their {@code .checkpoint} files written, which is what a stopped
     * instance leaves on its volume; Kafka Streams runs RocksDB without a write-ahead log, so flushed files are the
     * whole store), closes the driver and puts the copy back. What this cannot carry over are in-memory stores,
     * such as the suppression buffers: on a real broker those are restored from their changelog topics, which
     * {@code TopologyTestDriver} does not replay.
     */
    public void closeKeepingState() {
        java.nio.file.Path copy = stateDir.resolveSibling(stateDir.getFileName() + ".copy");
        try {
            copyTree(stateDir, copy);
            driver.close();
            org.apache.kafka.common.utils.Utils.delete(stateDir.toFile());
            Files.move(copy, stateDir);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot keep the state of " + stateDir, e);
        }
    }

    private static void copyTree(java.nio.file.Path from, java.nio.file.Path to) throws java.io.IOException {
        org.apache.kafka.common.utils.Utils.delete(to.toFile());
        try (var paths = Files.walk(from)) {
            for (java.nio.file.Path p : (Iterable<java.nio.file.Path>) paths::iterator) {
                java.nio.file.Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (!p.getFileName().toString().equals("LOCK")) {
                    Files.copy(p, target);
                }
            }
        }
    }
}
