package dev.vigil.detector.threatintel;

import java.util.Locale;

/**
 * Categories of the built-in threat intelligence, each with the GuardDuty finding types it yields (GuardDuty user
 * guide, "EC2 finding types" and "IAM finding types"). A list file belongs to the category its name starts with
 * ({@code tor-exit-nodes.lst} is {@link #TOR}).
 */
public enum Category {
    /** Tor nodes: TorClient/TorRelay (flow), TorIPCaller (CloudTrail). */
    TOR("Tor", null, null),
    /** Known command-and-control hosts: C&amp;CActivity.B (flow) and C&amp;CActivity.B!DNS. */
    C2("CommandAndControl", "Backdoor:EC2/C&CActivity.B", "Backdoor:EC2/C&CActivity.B!DNS"),
    /** Cryptocurrency mining pools: BitcoinTool.B (flow) and BitcoinTool.B!DNS. */
    CRYPTO("CryptoMining", "CryptoCurrency:EC2/BitcoinTool.B", "CryptoCurrency:EC2/BitcoinTool.B!DNS"),
    /** Black-holed addresses: BlackholeTraffic and BlackholeTraffic!DNS. */
    BLACKHOLE("Blackhole", "Trojan:EC2/BlackholeTraffic", "Trojan:EC2/BlackholeTraffic!DNS"),
    /** Malware drop points: DropPoint and DropPoint!DNS. */
    DROPPOINT("DropPoint", "Trojan:EC2/DropPoint", "Trojan:EC2/DropPoint!DNS"),
    /** Phishing domains: PhishingDomainRequest!DNS. */
    PHISHING("Phishing", null, "Trojan:EC2/PhishingDomainRequest!DNS"),
    /** Drive-by download sources: DriveBySourceTraffic!DNS. */
    DRIVEBY("DriveBySource", null, "Trojan:EC2/DriveBySourceTraffic!DNS"),
    /** Domains from domain-generation algorithms: DGADomainRequest.C!DNS. */
    DGA("DGA", null, "Trojan:EC2/DGADomainRequest.C!DNS"),
    /** Other known malicious addresses: MaliciousIPCaller (CloudTrail). */
    MALICIOUS("MaliciousIP", null, null);

    private final String threatName;
    private final String flowType;
    private final String dnsType;

    Category(String threatName, String flowType, String dnsType) {
        this.threatName = threatName;
        this.flowType = flowType;
        this.dnsType = dnsType;
    }

    /** The {@code threatNames} entry reported for this category. */
    public String threatName() {
        return threatName;
    }

    /** The flow-log finding type, or {@code null} (Tor has its own rule). */
    public String flowType() {
        return flowType;
    }

    /** The DNS finding type, or {@code null}. */
    public String dnsType() {
        return dnsType;
    }

    /** The category of a list file name, or {@code null}. */
    public static Category ofFileName(String fileName) {
        String f = fileName.toLowerCase(Locale.ROOT);
        for (Category c : values()) {
            if (f.startsWith(c.name().toLowerCase(Locale.ROOT))) {
                return c;
            }
        }
        return null;
    }
}
