package dev.vigil.detector.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Thresholds, windows and lists of the detections ({@code detector.rules.*}).
 *
 * <p>GuardDuty publishes its finding types, default severities and what triggers each (GuardDuty user guide,
 * "Finding types", archived in {@code shared/samples/findings/reference}), but not its thresholds or window sizes.
 * Every count and window below is therefore Vigil's own default, chosen to stay silent on ordinary traffic (a few
 * connections, one login) and to fire on the volumes the attack tools produce (nmap's default scan probes 1,000
 * ports; Hydra/ncrack run dozens of attempts per minute). Windows are event-time tumbling windows; a window's
 * candidate is emitted when its threshold is crossed, then updated as it grows.
 */
@ConfigMapping(prefix = "detector.rules")
public interface RulesConfig {

    /**
     * How long after a window's end (event time of its resource) its pending updates are emitted without waiting
     * for {@link #updateInterval()} (default 5 minutes). Records arriving later still count, within
     * {@link #latenessHorizon()}.
     */
    @WithDefault("PT5M")
    Duration grace();

    /**
     * How far behind its resource's newest observation a record may be and still count in its window (default 24
     * hours): flow logs, DNS logs and CloudTrail files delivered late, out of order or as a backfill after live data
     * give the findings of in-order delivery within it. Older records are counted in
     * {@code vigil_detector_window_beyond_horizon_total{source}} and logged, not windowed. It is also how long (wall
     * clock) a resource without observations keeps its windows.
     */
    @WithDefault("PT24H")
    Duration latenessHorizon();

    /**
     * How often (wall clock) a window that already produced its finding emits the records it gained since, as an
     * update of the same finding (default 30 seconds; {@code PT0S}: only when its resource's clock passes its end
     * plus grace, and when it expires).
     */
    @WithDefault("PT30S")
    Duration updateInterval();

    /**
     * A directory whose {@code *.txt}/{@code *.lst} files replace the built-in threat-intelligence lists shipped in
     * the jar ({@code threatintel/}), so that lists can be updated without a release. Same file format.
     */
    Optional<String> threatIntelDirectory();

    /**
     * Severity overrides, {@code type=score} entries separated by commas
     * ({@code detector.rules.severity-overrides=Recon:EC2/Portscan=6.0,Impact:EC2/PortSweep=7.5}), scores 1.0 to 10.0.
     * Without an override each type has GuardDuty's default severity: Low 2.0, Medium 5.0, High 8.0, the values
     * GuardDuty's own findings carry (GuardDuty user guide, "Severity levels for GuardDuty findings" and the finding
     * type table), and the type-specific rules GuardDuty documents (PortProbeUnprotectedPort High for 9200/9300;
     * brute force Low when the instance is the target, High when it is the actor).
     */
    Optional<List<String>> severityOverrides();

    /**
     * The overrides of {@link #severityOverrides()} by type.
     *
     * @throws IllegalArgumentException naming the entry when one is not {@code type=score} with a score of 1.0-10.0
     */
    default Map<String, Double> severity() {
        Map<String, Double> m = new java.util.HashMap<>();
        for (String entry : severityOverrides().orElse(List.of())) {
            int eq = entry.lastIndexOf('=');
            try {
                double score = Double.parseDouble(entry.substring(eq + 1).trim());
                dev.vigil.events.Severity.of(score);
                m.put(entry.substring(0, eq).trim(), score);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("detector.rules.severity-overrides: not type=score (1.0-10.0): "
                        + entry, e);
            }
        }
        return m;
    }

    /** Local ports whose inbound connections from Tor nodes make the instance a relay (Tor ORPort/DirPort). */
    @WithDefault("9001,9030")
    List<Integer> torRelayPorts();

    /** Recon:EC2/Portscan: one instance to many ports of one remote host (GuardDuty: Medium). */
    Portscan portscan();

    /** Impact:EC2/PortSweep: one instance to one port on many hosts (GuardDuty: High). */
    PortSweep portSweep();

    /** Recon:EC2/PortProbeUnprotectedPort: accepted inbound probes of one port from many outside sources. */
    PortProbe portProbe();

    /** SSH, RDP and WinRM brute force (GuardDuty: Low when TARGET, High when ACTOR). */
    BruteForce bruteForce();

    /** Backdoor:EC2/DenialOfService.*: outbound volume to one public host (GuardDuty: High). */
    DenialOfService denialOfService();

    /** Trojan:EC2/DNSDataExfiltration: many long high-entropy labels under one domain (GuardDuty: High). */
    DnsExfiltration dnsExfiltration();

    /** UnauthorizedAccess:IAMUser/ConsoleLoginSuccess.B (GuardDuty: Medium). */
    ConsoleLogin consoleLogin();

    /** Stealth:IAMUser/PasswordPolicyChange: what counts as a weakened password policy. */
    PasswordPolicy passwordPolicy();

    /** Portscan settings. */
    interface Portscan {
        /** Window (default 10 minutes: the longest flow-log aggregation interval). */
        @WithDefault("PT10M")
        Duration window();

        /** Distinct remote ports of one host within the window (default 25). */
        @WithDefault("25")
        int minPorts();
    }

    /** Port sweep settings. */
    interface PortSweep {
        /** Window (default 10 minutes). */
        @WithDefault("PT10M")
        Duration window();

        /** Distinct remote hosts on one port within the window (default 25). */
        @WithDefault("25")
        int minHosts();
    }

    /** Port probe settings. */
    interface PortProbe {
        /** Window (default 10 minutes). */
        @WithDefault("PT10M")
        Duration window();

        /** Distinct public sources whose connections to one local port were accepted (default 5). */
        @WithDefault("5")
        int minSources();

        /** Ports probed with High severity (GuardDuty: Elasticsearch 9200 and 9300). */
        @WithDefault("9200,9300")
        List<Integer> highSeverityPorts();

        /** Local ports never reported (for example a public web server), default none. */
        Optional<List<Integer>> ignoredPorts();
    }

    /** Brute-force settings. */
    interface BruteForce {
        /** Window (default 10 minutes). */
        @WithDefault("PT10M")
        Duration window();

        /** Connection records between one instance and one remote address on the service port (default 20). */
        @WithDefault("20")
        int minAttempts();

        /** SSH ports (default 22). */
        @WithDefault("22")
        List<Integer> sshPorts();

        /** RDP ports (default 3389). */
        @WithDefault("3389")
        List<Integer> rdpPorts();

        /** WinRM ports (default 5985 HTTP and 5986 HTTPS). */
        @WithDefault("5985,5986")
        List<Integer> winrmPorts();
    }

    /** Denial-of-service settings. */
    interface DenialOfService {
        /** Window (default 1 minute: the shortest flow-log aggregation interval). */
        @WithDefault("PT1M")
        Duration window();

        /** Packets from one instance to one public host within the window (default 500,000, about 8,300 pps). */
        @WithDefault("500000")
        long minPackets();

        /** Ports that normally carry TCP, for .UdpOnTcpPorts (default the common TCP services). */
        @WithDefault("21,22,23,25,80,110,143,443,445,993,995,1433,3306,3389,5432,8080,8443")
        List<Integer> tcpPorts();
    }

    /** DNS exfiltration settings. */
    interface DnsExfiltration {
        /** Window (default 10 minutes). */
        @WithDefault("PT10M")
        Duration window();

        /** Distinct suspicious queries under one registered domain within the window (default 25). */
        @WithDefault("25")
        int minQueries();

        /** Shortest label counted as suspicious (default 30 characters; DNS allows 63). */
        @WithDefault("30")
        int minLabelLength();

        /** Lowest Shannon entropy of that label in bits per character (default 3.5; English words are below 3). */
        @WithDefault("3.5")
        double minEntropy();
    }

    /** Console login settings. */
    interface ConsoleLogin {
        /** Window (default 10 minutes: "around the same time"). */
        @WithDefault("PT10M")
        Duration window();

        /** Distinct networks (/16 for IPv4, /32 for IPv6) with a successful login within the window (default 2). */
        @WithDefault("2")
        int minNetworks();
    }

    /** Password policy settings. */
    interface PasswordPolicy {
        /** A minimum password length below this is weak (default 14, CIS AWS Foundations Benchmark 1.8). */
        @WithDefault("14")
        int minLength();

        /** A maximum password age above this many days (or none) is weak (default 90, CIS benchmark v1.2 1.11). */
        @WithDefault("90")
        int maxAgeDays();
    }
}
