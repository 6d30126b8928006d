package dev.vigil.detector.rules.window;

/** The windowed rules, each with the log source whose records feed it. */
public enum Rule {
    /** Recon:EC2/Portscan ({@link PortScanRule}). */
    PORTSCAN(Source.FLOW),
    /** Impact:EC2/PortSweep ({@link PortSweepRule}). */
    PORTSWEEP(Source.FLOW),
    /** Recon:EC2/PortProbeUnprotectedPort ({@link PortProbeRule}). */
    PORTPROBE(Source.FLOW),
    /** SSH, RDP and WinRM brute force ({@link BruteForceRule}). */
    BRUTEFORCE(Source.FLOW),
    /** Backdoor:EC2/DenialOfService.* ({@link DenialOfServiceRule}). */
    DOS(Source.FLOW),
    /** Trojan:EC2/DNSDataExfiltration ({@link DnsExfiltrationRule}). */
    DNSEXFIL(Source.DNS),
    /** UnauthorizedAccess:IAMUser/ConsoleLoginSuccess.B ({@link ConsoleLoginRule}). */
    CONSOLELOGIN(Source.CLOUDTRAIL);

    /** A log source of the windowed rules. */
    public enum Source {
        /** VPC Flow Logs. */
        FLOW,
        /** Route 53 Resolver query logs. */
        DNS,
        /** CloudTrail management events. */
        CLOUDTRAIL
    }

    private final Source source;

    Rule(Source source) {
        this.source = source;
    }

    /** The log source whose records feed this rule. */
    public Source source() {
        return source;
    }
}
