package dev.vigil.e2e.suite;

import static dev.vigil.e2e.DemoIdentities.ADMIN_111;
import static dev.vigil.e2e.suite.GuardDutyApi.ensureDetector;
import static dev.vigil.e2e.suite.GuardDutyApi.getFindings;
import static dev.vigil.e2e.suite.GuardDutyApi.listFindings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.e2e.LocalStack;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * Issue 26 (tenth pass): what the detector learned survives its crash. A fresh interface's outbound flows on tcp/443
 * span more than the 7-day learning period of its baseline; once the detector's consumer group has committed them, the
 * detector is killed with SIGKILL and started again by {@code ./vigil up}; then a flow on a port the interface never
 * used must give Behavior:EC2/NetworkPortUnusual. With exactly-once processing the baseline of the committed records
 * is in the profile store's changelog, from which the restarted detector restores it. A detector whose cached profiles
 * reached the changelog only when evicted or at a clean close (before commit a1df0a4) restarts the baseline from the
 * new flow, which then only learns, and the case fails. Runs with the other fault cases, after the suite.
 */
class DetectorStateKillFaultIT {

    private static final String FLOW_TOPIC = "vigil.flow-logs.v1";
    private static final String DETECTOR_GROUP = "vigil-detector";
    private static final String UNUSUAL = "Behavior:EC2/NetworkPortUnusual";

    @Test
    void aBaselineLearnedBeforeACrashStillTellsAnUnusualPort() throws Exception {
        String detector = ensureDetector(ADMIN_111);
        String eni = LogSourcesIT.id("eni-");
        String instance = LogSourcesIT.id("i-");
        ThreadLocalRandom r = ThreadLocalRandom.current();
        String local = "10.91." + r.nextInt(256) + "." + (1 + r.nextInt(254));
        String remote = "52.94." + r.nextInt(256) + "." + (1 + r.nextInt(254));
        long now = Instant.now().getEpochSecond();
        StringBuilder baseline = new StringBuilder(DeliveryOrderIT.HEADER);
        for (long daysAgo : new long[] {8, 6, 4, 2, 1}) {
            long t = now - daysAgo * 86_400;
            baseline.append(DeliveryOrderIT.line(eni, local, remote, 41_000 + (int) daysAgo, 443, 12, 4_200, t, t + 60,
                    "ACCEPT", instance));
        }
        DeliveryOrderIT.post(baseline.toString());
        await("the detector commits the baseline").atMost(ResilienceIT.COUNTED_WITHIN)
                .pollInterval(Duration.ofSeconds(1)).until(DetectorStateKillFaultIT::detectorCaughtUp);

        StackProcesses.kill("detector");
        StackProcesses.up();

        long t = now - 60;
        DeliveryOrderIT.post(DeliveryOrderIT.HEADER + DeliveryOrderIT.line(eni, local, remote, 41_900, 6667, 12, 4_200, t, t + 60, "ACCEPT",
                instance));
        await("Behavior:EC2/NetworkPortUnusual of " + instance + " after the restart")
                .atMost(ResilienceIT.COUNTED_WITHIN).pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(unusualPorts(detector, instance)).contains("TCP/6667"));
        assertThat(unusualPorts(detector, instance)).as("443 was learned before the crash").doesNotContain("TCP/443");
    }

    /** The unusual ports (the findings' titles' "port ...") of {@code instance}'s NetworkPortUnusual findings. */
    private static List<String> unusualPorts(String detector, String instance) {
        List<String> ids = listFindings(ADMIN_111, detector, Map.of("type", Map.of("eq", List.of(UNUSUAL)),
                "resource.instanceDetails.instanceId", Map.of("eq", List.of(instance))));
        if (ids.isEmpty()) {
            return List.of();
        }
        return getFindings(ADMIN_111, detector, ids).stream()
                .map(f -> String.valueOf(f.get("title")).replaceAll(".* port (\\S+) .*", "$1")).toList();
    }

    /** Whether the detector's consumer group has committed every record of the flow topic. */
    private static boolean detectorCaughtUp() throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + LocalStack.port("kafka"));
        try (Admin admin = Admin.create(p)) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(DETECTOR_GROUP)
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of(FLOW_TOPIC)).allTopicNames().get().get(FLOW_TOPIC).partitions()
                    .forEach(pi -> latest.put(new TopicPartition(FLOW_TOPIC, pi.partition()), OffsetSpec.latest()));
            for (var e : admin.listOffsets(latest).all().get().entrySet()) {
                OffsetAndMetadata c = committed.get(e.getKey());
                if (e.getValue().offset() > 0 && (c == null || c.offset() < e.getValue().offset())) {
                    return false;
                }
            }
            return true;
        }
    }
}
