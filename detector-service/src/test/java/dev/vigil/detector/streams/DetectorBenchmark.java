package dev.vigil.detector.streams;

import dev.vigil.detector.threatintel.BuiltInThreatIntel;
import dev.vigil.events.CloudTrailRecord;
import dev.vigil.events.DnsLogRecord;
import dev.vigil.events.FlowLogRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Throughput harness (not a test): records per second through the whole detector topology in a
 * {@link org.apache.kafka.streams.TopologyTestDriver}, per detection family, with in-memory stores (and RocksDB, the
 * production default, when asked). Single thread, no broker: it measures the detection logic, serdes and state stores,
 * not Kafka I/O. Run: {@code java -cp <test classpath> dev.vigil.detector.streams.DetectorBenchmark [records [rocksdb]]}.
 */
public final class DetectorBenchmark {

    private DetectorBenchmark() {
    }

    /** Runs every family and prints a Markdown table. */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        boolean withRocksDb = args.length > 1 && "rocksdb".equals(args[1]);
        BuiltInThreatIntel intel = BuiltInThreatIntel.load(Optional.empty());
        System.out.println("| family | stores | records | seconds | records/s | candidates |");
        System.out.println("|---|---|---:|---:|---:|---:|");
        for (boolean inMemory : withRocksDb ? new boolean[] {true, false} : new boolean[] {true}) {
            run("CloudTrail (signatures, threat lists, console-login window)", inMemory, intel, n,
                    cloudTrail(n), (h, r) -> h.cloudTrail(r));
            run("DNS (signatures, domain lists, exfiltration window)", inMemory, intel, n, dns(n),
                    (h, r) -> h.dns(r));
            run("VPC flow (threat lists + 5 windowed rules)", inMemory, intel, n, flows(n), (h, r) -> h.flow(r));
        }
    }

    private static <T> void run(String family, boolean inMemory, BuiltInThreatIntel intel, int n, List<T> records,
            java.util.function.BiConsumer<Harness, T> send) {
        Map<String, String> cfg = Map.of();
        for (int pass = 0; pass < 2; pass++) { // pass 0 warms up the JIT
            try (Harness h = new Harness(Harness.config(cfg), intel, inMemory)) {
                h.account(Harness.ACCOUNT, "ENABLED");
                long start = System.nanoTime();
                Consumer<T> c = r -> send.accept(h, r);
                records.forEach(c);
                long candidates = h.candidates().size();
                double s = (System.nanoTime() - start) / 1e9;
                if (pass == 1) {
                    System.out.printf("| %s | %s | %d | %.2f | %,.0f | %d |%n", family,
                            inMemory ? "in-memory" : "RocksDB", n, s, n / s, candidates);
                }
            }
        }
    }

    private static List<CloudTrailRecord> cloudTrail(int n) {
        Random r = new Random(1);
        String[] apis = {"DescribeInstances", "ListBuckets", "GetObject", "PutObject", "AssumeRole", "ConsoleLogin",
            "StopLogging", "PutBucketPolicy", "CreateUser"};
        List<CloudTrailRecord> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String api = apis[r.nextInt(apis.length)];
            String ip = "198.51." + r.nextInt(256) + "." + r.nextInt(256);
            if (i % 100 == 0) {
                ip = "185.220.101.0"; // Tor
            }
            out.add(Records.call("ec2.amazonaws.com", api, ip, "aws-cli/2.15.0", "{\"bucketName\":\"b\"}", null,
                    Records.T0 + i / 10));
        }
        return out;
    }

    private static List<DnsLogRecord> dns(int n) {
        Random r = new Random(2);
        List<DnsLogRecord> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String q = i % 50 == 0 ? "pool.minergate.com"
                    : i % 7 == 0 ? Long.toString(r.nextLong() & Long.MAX_VALUE, 36) + Long.toString(r.nextLong()
                            & Long.MAX_VALUE, 36) + "x.exfil.example.com"
                    : "host" + r.nextInt(500) + ".example.com";
            out.add(Records.dns(q, Records.T0 + i / 20, "192.0.2." + r.nextInt(256)));
        }
        return out;
    }

    private static List<FlowLogRecord> flows(int n) {
        Random r = new Random(3);
        List<FlowLogRecord> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int eni = r.nextInt(50);
            String local = "10.0." + eni + ".5";
            String remote = i % 100 == 0 ? "185.220.101.0" : "203.0." + r.nextInt(256) + "." + r.nextInt(256);
            boolean outbound = r.nextBoolean();
            int port = new int[] {22, 80, 443, 3389, 5432, 8080, 9200}[r.nextInt(7)];
            out.add(Records.flow("eni-" + eni, "i-" + eni, outbound ? local : remote, outbound ? remote : local,
                    30000 + r.nextInt(30000), port, 6, 1 + r.nextInt(20), "ACCEPT", Records.T0 + i / 20));
        }
        return out;
    }
}
