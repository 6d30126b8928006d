package dev.vigil.detector.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The detector's drain benchmark on the real local stack (issue 26), run by {@code detector-service/bench/drain.sh}.
 * Not a test. Two steps, {@code key=value} arguments:
 *
 * <ul>
 * <li>{@code ingest url= token= family=flow|dns|cloudtrail records= per-body= resources= accounts=a,b,c
 * concurrency= pids=name:pid,...}: posts {@link RealisticTraffic} bodies (generated before the clock starts) to
 * ingest-service's HTTP API and prints one line
 * {@code INGEST family records seconds records/s cpu-seconds-per-pid failed=n machine=busy-seconds (cores)}
 * (accepted records only; a 200 means Kafka acknowledged every record).</li>
 * <li>{@code drain bootstrap= group= topics=a,b pids=name:pid,... timeout=}: samples the consumer group's committed
 * offsets against the topics' end offsets every 250 ms until the lag is zero; prints {@code READY records} once it
 * has the end offsets (the script resumes the detector only then, so this JVM's start-up does not compete with the
 * drain), then
 * {@code DRAIN records seconds-from-first-commit records/s seconds-from-start cpu-seconds-per-pid machine=...},
 * where CPU seconds are the processes' user plus system time over the draining interval (from
 * {@code /proc/<pid>/stat}) and {@code machine} the whole machine's busy CPU seconds over it, with how many of its
 * cores that kept busy on average ({@code /proc/stat}).</li>
 * <li>{@code reset bootstrap= group= topics=}: what Kafka's application reset tool does, for a stopped detector:
 * deletes the application's internal topics (changelogs, repartitions) and its consumer group, then commits the
 * topics' end offsets for the group, so that the next start begins with empty state at the current end (the script
 * deletes the local state directory). Every run then starts from the same state.</li>
 * </ul>
 */
public final class DrainBenchmark {

    private static final double TICKS = 100.0; // USER_HZ of /proc/<pid>/stat on Linux

    private DrainBenchmark() {
    }

    /** Runs step {@code args[0]} ({@code ingest} or {@code drain}) with the remaining {@code key=value} arguments. */
    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (String arg : Arrays.copyOfRange(args, 1, args.length)) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("arguments are key=value: " + arg);
            }
            a.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        switch (args.length == 0 ? "" : args[0]) {
            case "ingest" -> ingest(a);
            case "drain" -> drain(a);
            case "reset" -> reset(a);
            default -> throw new IllegalArgumentException("first argument: ingest, drain or reset");
        }
    }

    private static Map<String, Integer> pids(Map<String, String> a) {
        Map<String, Integer> out = new java.util.LinkedHashMap<>();
        for (String p : a.getOrDefault("pids", "").split(",")) {
            if (!p.isBlank()) {
                String[] kv = p.split(":");
                out.put(kv[0], Integer.parseInt(kv[1]));
            }
        }
        return out;
    }

    /** User plus system CPU seconds of process {@code pid} so far (fields 14 and 15 of /proc/pid/stat). */
    static double cpuSeconds(int pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read the CPU time of pid " + pid, e);
        }
    }

    /**
     * CPU seconds the whole machine has been busy so far, summed over its cores: user, nice, system, irq, softirq and
     * steal time of the {@code cpu} line of {@code /proc/stat}. Over an interval, divided by its length, it says how
     * many cores were busy, so whether a run was CPU-bound (issue 26's seventh pass).
     */
    static double machineBusySeconds() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
                busy += Long.parseLong(f[i]);
            }
            return busy / TICKS;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read /proc/stat", e);
        }
    }

    /**
     * {@code machine=<busy CPU s> (<average busy cores> of <cores> cores)} over the {@code secs} seconds since
     * {@link #machineBusySeconds()} was {@code busy0}.
     */
    private static String machine(double busy0, double secs) {
        int cores = Runtime.getRuntime().availableProcessors();
        double busy = machineBusySeconds() - busy0;
        return String.format("machine=%.1f (%.2f of %d cores)", busy, busy / secs, cores);
    }

    private static Map<String, Double> cpu(Map<String, Integer> pids) {
        Map<String, Double> out = new java.util.LinkedHashMap<>();
        pids.forEach((n, p) -> out.put(n, cpuSeconds(p)));
        return out;
    }

    private static String cpuDelta(Map<String, Double> before, Map<String, Double> after) {
        return before.keySet().stream().map(k -> String.format("%s=%.1f", k, after.get(k) - before.get(k)))
                .collect(Collectors.joining(" "));
    }

    private static void ingest(Map<String, String> a) throws Exception {
        String family = a.getOrDefault("family", "flow");
        int records = Integer.parseInt(a.getOrDefault("records", "300000"));
        int perBody = Integer.parseInt(a.getOrDefault("per-body", "5000"));
        int resources = Integer.parseInt(a.getOrDefault("resources", "1000"));
        int concurrency = Integer.parseInt(a.getOrDefault("concurrency", "4"));
        List<String> accounts = List.of(a.getOrDefault("accounts", "111111111111").split(","));
        long seed = Long.parseLong(a.getOrDefault("seed", "26"));
        RealisticTraffic traffic = new RealisticTraffic(accounts, System.currentTimeMillis() / 1000, 3600, seed);
        List<String> bodies = traffic.bodies(family, records, perBody, resources);
        String path = switch (family) {
            case "flow" -> "/ingest/v1/flow-logs?region=us-east-1";
            case "dns" -> "/ingest/v1/dns-logs?region=us-east-1";
            default -> "/ingest/v1/cloudtrail?region=us-east-1";
        };
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String url = a.getOrDefault("url", "http://127.0.0.1:8081") + path;
        String token = a.get("token").trim();
        Pattern accepted = Pattern.compile("\"accepted\":(\\d+)");
        AtomicLong total = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        Map<String, Integer> pids = pids(a);
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        Map<String, Double> cpu0 = cpu(pids);
        double busy0 = machineBusySeconds();
        long t0 = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (String body : bodies) {
            futures.add(pool.submit(() -> {
                HttpRequest r = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120))
                        .header("Content-Type", "text/plain").header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                HttpResponse<String> res = client.send(r, HttpResponse.BodyHandlers.ofString());
                Matcher m = accepted.matcher(res.body());
                if (res.statusCode() == 200 && m.find()) {
                    total.addAndGet(Long.parseLong(m.group(1)));
                } else {
                    failed.incrementAndGet();
                    System.err.println("HTTP " + res.statusCode() + " " + res.body().substring(0,
                            Math.min(300, res.body().length())));
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        Map<String, Double> cpu1 = cpu(pids);
        pool.shutdown();
        System.out.printf("INGEST %s %d %.2f %.0f %s failed=%d %s%n", family, total.get(), secs,
                total.get() / secs, cpuDelta(cpu0, cpu1), failed.get(), machine(busy0, secs));
    }

    private static void drain(Map<String, String> a) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, a.getOrDefault("bootstrap", "127.0.0.1:9092"));
        String group = a.getOrDefault("group", "vigil-detector");
        Set<String> topics = Set.of(a.getOrDefault("topics", "vigil.flow-logs.v1").split(","));
        long timeoutMs = Long.parseLong(a.getOrDefault("timeout", "900")) * 1000;
        Map<String, Integer> pids = pids(a);
        try (Admin admin = Admin.create(p)) {
            Map<TopicPartition, Long> end = new HashMap<>();
            admin.describeTopics(topics).allTopicNames().get().forEach((t, d) -> d.partitions()
                    .forEach(pi -> end.put(new TopicPartition(t, pi.partition()), 0L)));
            Map<TopicPartition, OffsetSpec> latest = end.keySet().stream()
                    .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
            admin.listOffsets(latest).all().get().forEach((tp, r) -> end.put(tp, r.offset()));
            long start = System.nanoTime();
            long startCommitted = committed(admin, group, end.keySet());
            long target = end.values().stream().mapToLong(Long::longValue).sum();
            // drain.sh resumes the detector only after this line, so this JVM's start-up is not in the drain
            System.out.printf("READY %d records to drain%n", target - startCommitted);
            long first = -1;
            Map<String, Double> cpuFirst = null;
            double busyFirst = 0;
            long lastCommitted = startCommitted;
            while (System.nanoTime() - start < timeoutMs * 1_000_000L) {
                long c = committed(admin, group, end.keySet());
                if (first < 0 && c > startCommitted) {
                    first = System.nanoTime();
                    cpuFirst = cpu(pids);
                    busyFirst = machineBusySeconds();
                    lastCommitted = c;
                    System.out.printf("first commit after %.1f s (%d of %d records committed)%n",
                            (first - start) / 1e9, c - startCommitted, target - startCommitted);
                }
                if (c >= target) {
                    long now = System.nanoTime();
                    Map<String, Double> cpuEnd = cpu(pids);
                    // the first sample already saw (lastCommitted - startCommitted) records done: not timed
                    long timed = target - lastCommitted;
                    double secs = (now - first) / 1e9;
                    System.out.printf("DRAIN %d %.2f %.0f %.1f %s %s%n", target - startCommitted, secs,
                            timed / secs, (now - start) / 1e9, cpuDelta(cpuFirst, cpuEnd), machine(busyFirst, secs));
                    return;
                }
                Thread.sleep(250);
            }
            System.out.println("DRAIN timeout: lag not zero after " + timeoutMs / 1000 + " s");
            System.exit(2);
        }
    }

    private static void reset(Map<String, String> a) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, a.getOrDefault("bootstrap", "127.0.0.1:9092"));
        String group = a.getOrDefault("group", "vigil-detector");
        Set<String> topics = Set.of(a.getOrDefault("topics", "vigil.flow-logs.v1").split(","));
        try (Admin admin = Admin.create(p)) {
            Set<String> internal = admin.listTopics().names().get().stream()
                    .filter(t -> t.startsWith(group + "-") && (t.endsWith("-changelog") || t.endsWith("-repartition")))
                    .collect(Collectors.toSet());
            admin.deleteTopics(internal).all().get();
            // a stopped Kafka Streams member stays in the group until its session times out: retry until empty
            for (int i = 0; ; i++) {
                try {
                    admin.deleteConsumerGroups(List.of(group)).all().get();
                    break;
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof org.apache.kafka.common.errors.GroupIdNotFoundException) {
                        break;
                    }
                    if (!(e.getCause() instanceof org.apache.kafka.common.errors.GroupNotEmptyException) || i > 240) {
                        throw e;
                    }
                    Thread.sleep(1000);
                }
            }
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(topics).allTopicNames().get().forEach((t, d) -> d.partitions()
                    .forEach(pi -> latest.put(new TopicPartition(t, pi.partition()), OffsetSpec.latest())));
            Map<TopicPartition, OffsetAndMetadata> end = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, r) -> end.put(tp, new OffsetAndMetadata(r.offset())));
            admin.alterConsumerGroupOffsets(group, end).all().get();
            for (int i = 0; i < 120 && admin.listTopics().names().get().stream().anyMatch(internal::contains); i++) {
                Thread.sleep(500);
            }
            System.out.printf("RESET deleted %d internal topics, group %s at the end of %s%n", internal.size(), group,
                    topics);
        }
    }

    private static long committed(Admin admin, String group, Set<TopicPartition> partitions) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        long sum = 0;
        for (TopicPartition tp : partitions) {
            OffsetAndMetadata o = offsets.get(tp);
            sum += o == null ? 0 : o.offset();
        }
        return sum;
    }
}
