package dev.vigil.detector.bench;

import dev.vigil.events.ThreatListState;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generated tenant lists for the threat-intel benchmarks: {@code lists} lists of {@code entries} each, half IPv4
 * (addresses and /24 blocks), a quarter IPv6 /48 blocks, a quarter domains, deterministic per seed. The sizes are
 * GuardDuty's limits: 250,000 entries per list, six threat lists per account.
 */
final class TenantListFixture {

    private TenantListFixture() {
    }

    static ThreatListState state(String account, int lists, int entries, long seed) {
        Random r = new Random(seed);
        List<ThreatListState.ListContent> threats = new ArrayList<>();
        for (int l = 0; l < lists; l++) {
            List<String> cidrs = new ArrayList<>();
            List<String> domains = new ArrayList<>();
            for (int i = 0; i < entries; i++) {
                int kind = i % 4;
                if (kind == 0) {
                    cidrs.add(ipv4(r));
                } else if (kind == 1) {
                    cidrs.add(ipv4(r).replaceAll("\\.\\d+$", ".0") + "/24");
                } else if (kind == 2) {
                    cidrs.add(String.format("2a%02x:%x:%x::/48", r.nextInt(256), r.nextInt(65536), r.nextInt(65536)));
                } else {
                    domains.add(label(r) + "." + label(r) + (r.nextBoolean() ? ".com" : ".net"));
                }
            }
            threats.add(new ThreatListState.ListContent("list" + l, account, "us-east-1", "tenant-list-" + l, cidrs,
                    domains));
        }
        return new ThreatListState(1, account, 1, List.of(), threats, 1L);
    }

    static String ipv4(Random r) {
        return (11 + r.nextInt(200)) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
    }

    static String label(Random r) {
        StringBuilder sb = new StringBuilder();
        int n = 5 + r.nextInt(8);
        for (int i = 0; i < n; i++) {
            sb.append((char) ('a' + r.nextInt(26)));
        }
        return sb.toString();
    }
}
