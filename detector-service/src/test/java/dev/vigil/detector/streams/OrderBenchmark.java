package dev.vigil.detector.streams;

import dev.vigil.detector.config.RulesConfig;
import dev.vigil.detector.threatintel.BuiltInThreatIntel;
import dev.vigil.events.AccountState;
import dev.vigil.events.FindingCandidate;
import dev.vigil.events.FlowLogRecord;
import dev.vigil.events.Json;
import dev.vigil.events.Serdes;
import dev.vigil.events.Topics;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Throughput and state size of the windowed detection with many interfaces, delivered in time order and as shuffled
 * files (not a test). Uses only the API that the design before issue 22 also had ({@code DetectorTopology(config,
 * intel)}), so the same class runs against either build: {@code java -cp <test classes>:<main classes>:<deps>
 * dev.vigil.detector.streams.OrderBenchmark [records [interfaces]]}. Single thread, no broker; DSL stores in
 * memory, the detector's own stores RocksDB, state directory on {@code /dev/shm} when it exists.
 *
 * <p>Input: {@code interfaces} interfaces of one account over 6 hours; per record a random interface, a remote
 * address drawn from 2^24 public addresses, a service port from a skewed list (443 most, then 80, 53, 22, ...);
 * outbound or inbound; 1 % probes (at most 3 packets). Plus 10 port scans of 40 ports. "Shuffled": files of one
 * interface and 10 minutes, in random order (as an S3 reader in key order or several collectors deliver them).
 */
public final class OrderBenchmark {

    private static final String ACCOUNT = "111111111111";
    private static final long T0 = Instant.parse("2026-11-29T00:00:00Z").getEpochSecond();

    private OrderBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int interfaces = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        BuiltInThreatIntel intel = BuiltInThreatIntel.load(Optional.empty());
        RulesConfig config = new SmallRyeConfigBuilder().withMapping(RulesConfig.class)
                .withSources(new PropertiesConfigSource(Map.of(), "bench", 500)).build()
                .getConfigMapping(RulesConfig.class);
        List<FlowLogRecord> inOrder = flows(n, interfaces);
        List<FlowLogRecord> shuffled = shuffledFiles(inOrder);
        System.out.println("| order | records | seconds | records/s | findings (sum of counts) | state entries | state bytes |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        for (int pass = 0; pass < 2; pass++) { // pass 0 warms up the JIT
            run(pass == 1, "time order", inOrder, config, intel);
            run(pass == 1, "shuffled files", shuffled, config, intel);
        }
    }

    private static void run(boolean print, String name, List<FlowLogRecord> records, RulesConfig config,
            BuiltInThreatIntel intel) throws Exception {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "vigil-detector-bench");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        // RocksDB stores (the window stores are always RocksDB) on tmpfs when available: TopologyTestDriver commits
        // after every record, and an fsync per record would measure the disk, not the detector
        java.nio.file.Path shm = java.nio.file.Path.of("/dev/shm");
        props.put(StreamsConfig.STATE_DIR_CONFIG, (Files.isDirectory(shm) ? Files.createTempDirectory(shm,
                "order-bench") : Files.createTempDirectory("order-bench")).toString());
        props.put(StreamsConfig.DSL_STORE_SUPPLIERS_CLASS_CONFIG,
                org.apache.kafka.streams.state.BuiltInDslStoreSuppliers.InMemoryDslStoreSuppliers.class);
        try (TopologyTestDriver driver = new TopologyTestDriver(new DetectorTopology(config, intel).build(props),
                props, Instant.ofEpochSecond(T0))) {
            StringSerializer ks = new StringSerializer();
            driver.createInputTopic(Topics.ACCOUNTS_STATE, ks, new Serdes.Account()).pipeInput(ACCOUNT,
                    new AccountState(1, ACCOUNT, 1, List.of(new AccountState.Detector("d1", "us-east-1", "ENABLED",
                            "SIX_HOURS", true, true, true, 0L)), null, List.of(), 0L), 0L);
            TestInputTopic<String, FlowLogRecord> in = driver.createInputTopic(Topics.FLOW_LOGS, ks,
                    new Serdes.FlowLog());
            TestOutputTopic<String, FindingCandidate> out = driver.createOutputTopic(Topics.FINDINGS_CANDIDATES,
                    new StringDeserializer(), new Serdes.Candidate());
            long start = System.nanoTime();
            for (FlowLogRecord f : records) {
                in.pipeInput(f.key(), f, Instant.ofEpochMilli(f.eventTimeMillis()));
            }
            driver.advanceWallClockTime(java.time.Duration.ofHours(1)); // flush and close what is pending
            List<FindingCandidate> candidates = out.readValuesToList();
            double s = (System.nanoTime() - start) / 1e9;
            Set<String> seen = new HashSet<>();
            Map<String, Long> counts = new LinkedHashMap<>();
            for (FindingCandidate c : candidates) {
                if (seen.add(c.eventId()) && c.finding().type().equals("Recon:EC2/Portscan")) {
                    counts.merge(c.finding().id(), c.finding().service().count(), Long::sum);
                }
            }
            long entries = 0;
            long bytes = 0;
            for (var store : driver.getAllStateStores().entrySet()) {
                if (!(store.getValue() instanceof KeyValueStore<?, ?> kv) || store.getKey().contains("behavior")
                        || store.getKey().endsWith("-store")) {
                    continue;
                }
                try (KeyValueIterator<?, ?> it = kv.all()) {
                    while (it.hasNext()) {
                        var e = it.next();
                        entries++;
                        bytes += e.key.toString().length() + Json.MAPPER.writeValueAsBytes(e.value).length;
                    }
                }
            }
            if (print) {
                System.out.printf("| %s | %d | %.2f | %,.0f | %d port scans (%d) | %d | %,d |%n", name,
                        records.size(), s, records.size() / s, counts.size(),
                        counts.values().stream().mapToLong(Long::longValue).sum(), entries, bytes);
            }
        }
    }

    private static List<FlowLogRecord> flows(int n, int interfaces) {
        Random r = new Random(26);
        int[] ports = {443, 443, 443, 443, 443, 80, 80, 53, 22, 3306, 5432, 8080, 6379, 9200, 25, 123};
        List<FlowLogRecord> out = new ArrayList<>(n);
        long span = 6 * 3600;
        for (int i = 0; i < n; i++) {
            int eni = r.nextInt(interfaces);
            String local = "10." + (eni >> 8 & 255) + "." + (eni & 255) + ".5";
            String remote = (11 + r.nextInt(100)) + "." + r.nextInt(256) + "." + r.nextInt(256) + "."
                    + (1 + r.nextInt(254));
            boolean outbound = r.nextBoolean();
            int port = ports[r.nextInt(ports.length)];
            long packets = r.nextInt(100) == 0 ? 1 : 4 + r.nextInt(200);
            long t = T0 + (long) i * span / n;
            out.add(flow(eni, outbound ? local : remote, outbound ? remote : local, 30000 + r.nextInt(30000), port,
                    packets, t));
        }
        for (int s = 0; s < 10; s++) { // ten port scans of 40 ports
            int eni = r.nextInt(interfaces);
            String local = "10." + (eni >> 8 & 255) + "." + (eni & 255) + ".5";
            long t = T0 + r.nextInt((int) span - 100);
            for (int p = 0; p < 40; p++) {
                out.add(flow(eni, local, "198.51.100." + (1 + s), 50000 + p, 1 + p, 1, t + p));
            }
        }
        out.sort(java.util.Comparator.comparingLong(FlowLogRecord::eventTimeMillis));
        return out;
    }

    private static FlowLogRecord flow(int eni, String src, String dst, int srcPort, int dstPort, long packets,
            long end) {
        String id = "f-" + eni + "-" + src + "-" + dst + "-" + srcPort + "-" + dstPort + "-" + end;
        return new FlowLogRecord(1, id, ACCOUNT, "us-east-1", 2, ACCOUNT, "eni-" + eni, src, dst, srcPort, dstPort,
                6, packets, packets * 60, end - 50, end, "ACCEPT", "OK", "vpc-1", "subnet-1", "i-" + eni, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    private static List<FlowLogRecord> shuffledFiles(List<FlowLogRecord> inOrder) {
        Map<String, List<FlowLogRecord>> files = new LinkedHashMap<>();
        for (FlowLogRecord f : inOrder) {
            files.computeIfAbsent(f.interfaceId() + "/" + f.end() / 600, k -> new ArrayList<>()).add(f);
        }
        List<List<FlowLogRecord>> order = new ArrayList<>(files.values());
        Collections.shuffle(order, new Random(22));
        List<FlowLogRecord> out = new ArrayList<>(inOrder.size());
        order.forEach(out::addAll);
        return out;
    }
}
