package dev.vigil.detector.rules;

import java.util.Map;

/**
 * GuardDuty's default severity of every finding type the detector reports, in one place. Scores are the values
 * GuardDuty's own findings carry: Low 2.0, Medium 5.0, High 8.0 (GuardDuty user guide, "Severity levels for
 * GuardDuty findings", and the finding-type tables "EC2 finding types", "IAM finding types", "S3 finding types").
 *
 * <p>Most types have one default ({@link #of(String)}). A few vary with the activity, as GuardDuty documents:
 * {@link #portProbe(boolean)}, {@link #bruteForce(boolean)}, {@link #passwordPolicy(int)} and
 * {@link #anomalousBehavior(String)}. The configured {@code detector.rules.severity-overrides} are applied on top
 * of these by {@link FindingFactory}, for every type.
 */
public final class Severities {

    /** Severity GuardDuty uses for its Low findings. */
    public static final double LOW = 2.0;
    /** Severity GuardDuty uses for its Medium findings. */
    public static final double MEDIUM = 5.0;
    /** Severity GuardDuty uses for its High findings. */
    public static final double HIGH = 8.0;

    private static final Map<String, Double> DEFAULTS = Map.ofEntries(
            // stateless CloudTrail signatures
            Map.entry("Policy:IAMUser/RootCredentialUsage", LOW),
            Map.entry("Stealth:IAMUser/CloudTrailLoggingDisabled", LOW),
            Map.entry("PenTest:IAMUser/KaliLinux", MEDIUM),
            Map.entry("PenTest:IAMUser/ParrotLinux", MEDIUM),
            Map.entry("PenTest:IAMUser/PentooLinux", MEDIUM),
            Map.entry("Policy:S3/AccountBlockPublicAccessDisabled", LOW),
            Map.entry("Policy:S3/BucketBlockPublicAccessDisabled", LOW),
            Map.entry("Policy:S3/BucketAnonymousAccessGranted", HIGH),
            Map.entry("Policy:S3/BucketPublicAccessGranted", HIGH),
            Map.entry("Stealth:S3/ServerAccessLoggingDisabled", LOW),
            // S3 data events (GuardDuty user guide, "S3 finding types"; ObjectRead.Unusual and the
            // AnomalousBehavior types vary, see s3data.S3DataBehavior)
            Map.entry("Discovery:S3/MaliciousIPCaller", HIGH),
            Map.entry("Discovery:S3/MaliciousIPCaller.Custom", HIGH),
            Map.entry("Discovery:S3/TorIPCaller", MEDIUM),
            Map.entry("Exfiltration:S3/MaliciousIPCaller", HIGH),
            Map.entry("Impact:S3/MaliciousIPCaller", HIGH),
            Map.entry("PenTest:S3/KaliLinux", MEDIUM),
            Map.entry("PenTest:S3/ParrotLinux", MEDIUM),
            Map.entry("PenTest:S3/PentooLinux", MEDIUM),
            Map.entry("UnauthorizedAccess:S3/MaliciousIPCaller.Custom", HIGH),
            Map.entry("UnauthorizedAccess:S3/TorIPCaller", HIGH),
            // flow-log types after 2023 (network package; GuardDuty user guide, "EC2 finding types")
            Map.entry("Recon:EC2/PortProbeEMRUnprotectedPort", HIGH),
            Map.entry("DefenseEvasion:EC2/UnusualDNSResolver", MEDIUM),
            Map.entry("DefenseEvasion:EC2/UnusualDoHActivity", MEDIUM),
            Map.entry("DefenseEvasion:EC2/UnusualDoTActivity", MEDIUM),
            // DNS signature
            Map.entry("UnauthorizedAccess:EC2/MetadataDNSRebind", HIGH),
            // threat lists
            Map.entry("UnauthorizedAccess:EC2/MaliciousIPCaller.Custom", MEDIUM),
            Map.entry("Impact:EC2/MaliciousDomainRequest.Custom", MEDIUM),
            Map.entry("UnauthorizedAccess:EC2/TorClient", HIGH),
            Map.entry("UnauthorizedAccess:EC2/TorRelay", HIGH),
            Map.entry("Backdoor:EC2/C&CActivity.B", HIGH),
            Map.entry("Backdoor:EC2/C&CActivity.B!DNS", HIGH),
            Map.entry("CryptoCurrency:EC2/BitcoinTool.B", HIGH),
            Map.entry("CryptoCurrency:EC2/BitcoinTool.B!DNS", HIGH),
            Map.entry("Trojan:EC2/BlackholeTraffic", MEDIUM),
            Map.entry("Trojan:EC2/BlackholeTraffic!DNS", MEDIUM),
            Map.entry("Trojan:EC2/DropPoint", MEDIUM),
            Map.entry("Trojan:EC2/DropPoint!DNS", MEDIUM),
            Map.entry("Trojan:EC2/PhishingDomainRequest!DNS", HIGH),
            Map.entry("Trojan:EC2/DriveBySourceTraffic!DNS", HIGH),
            Map.entry("Trojan:EC2/DGADomainRequest.C!DNS", HIGH),
            Map.entry("Recon:IAMUser/MaliciousIPCaller.Custom", MEDIUM),
            Map.entry("UnauthorizedAccess:IAMUser/MaliciousIPCaller.Custom", MEDIUM),
            Map.entry("Recon:IAMUser/TorIPCaller", MEDIUM),
            Map.entry("UnauthorizedAccess:IAMUser/TorIPCaller", MEDIUM),
            Map.entry("Recon:IAMUser/MaliciousIPCaller", MEDIUM),
            Map.entry("UnauthorizedAccess:IAMUser/MaliciousIPCaller", MEDIUM),
            // windowed rules
            Map.entry("Recon:EC2/Portscan", MEDIUM),
            Map.entry("Impact:EC2/PortSweep", HIGH),
            Map.entry("Backdoor:EC2/DenialOfService.Tcp", HIGH),
            Map.entry("Backdoor:EC2/DenialOfService.Udp", HIGH),
            Map.entry("Backdoor:EC2/DenialOfService.UdpOnTcpPorts", HIGH),
            Map.entry("Backdoor:EC2/DenialOfService.Dns", HIGH),
            Map.entry("Backdoor:EC2/DenialOfService.UnusualProtocol", HIGH),
            Map.entry("Trojan:EC2/DNSDataExfiltration", HIGH),
            Map.entry("UnauthorizedAccess:IAMUser/ConsoleLoginSuccess.B", MEDIUM),
            // behavioural rules
            Map.entry("Behavior:EC2/NetworkPortUnusual", MEDIUM),
            Map.entry("Behavior:EC2/TrafficVolumeUnusual", MEDIUM),
            Map.entry("Backdoor:EC2/Spambot", MEDIUM),
            Map.entry("Trojan:EC2/DGADomainRequest.B", HIGH),
            Map.entry("Impact:EC2/AbusedDomainRequest.Reputation", MEDIUM),
            Map.entry("Impact:EC2/SuspiciousDomainRequest.Reputation", LOW),
            Map.entry("Impact:EC2/MaliciousDomainRequest.Reputation", HIGH),
            Map.entry("Impact:EC2/BitcoinDomainRequest.Reputation", HIGH),
            Map.entry("UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.InsideAWS", HIGH),
            Map.entry("UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS", HIGH),
            Map.entry("UnauthorizedAccess:IAMUser/ResourceCredentialExfiltration.InsideAWS", HIGH),
            Map.entry("UnauthorizedAccess:IAMUser/ResourceCredentialExfiltration.OutsideAWS", HIGH));

    private Severities() {
    }

    /**
     * The default severity of {@code type}.
     *
     * @throws IllegalArgumentException when the type has no single default (one of the variable types below) or is
     *                                  not a type the detector reports, so that a new rule cannot forget its entry
     */
    public static double of(String type) {
        Double s = DEFAULTS.get(type);
        if (s == null) {
            throw new IllegalArgumentException("no default severity for finding type " + type);
        }
        return s;
    }

    /** Recon:EC2/PortProbeUnprotectedPort: High for the Elasticsearch ports GuardDuty names, else Low. */
    public static double portProbe(boolean highSeverityPort) {
        return highSeverityPort ? HIGH : LOW;
    }

    /** SSH/RDP brute force and WinRM brute force: High when the instance is the actor, Low when it is the target. */
    public static double bruteForce(boolean actor) {
        return actor ? HIGH : LOW;
    }

    /**
     * Stealth:IAMUser/PasswordPolicyChange: GuardDuty says Low, Medium or High "depending on the severity of the
     * changes"; Vigil counts the weakened requirements: 4 or more High, 2-3 Medium, 1 Low.
     */
    public static double passwordPolicy(int weakened) {
        return weakened >= 4 ? HIGH : weakened >= 2 ? MEDIUM : LOW;
    }

    /** Stealth:IAMUser/PasswordPolicyChange for a deleted policy (or an attempt to delete it): Medium. */
    public static double passwordPolicyDeleted() {
        return MEDIUM;
    }

    /** {@code <tactic>:IAMUser/AnomalousBehavior}: Discovery Low, Exfiltration and Impact High, the others Medium. */
    public static double anomalousBehavior(String tactic) {
        return switch (tactic) {
            case "Discovery" -> LOW;
            case "Exfiltration", "Impact" -> HIGH;
            default -> MEDIUM;
        };
    }
}
