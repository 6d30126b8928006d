package dev.vigil.detector.rules;

import dev.vigil.detector.threatintel.DomainMatcher;
import dev.vigil.events.DnsLogRecord;
import inet.ipaddr.IPAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Signature detections on single DNS queries: UnauthorizedAccess:EC2/MetadataDNSRebind (High), a query whose answer
 * is the instance metadata address 169.254.169.254 (GuardDuty user guide, "EC2 finding types"). AWS's own names for
 * the metadata service ({@code instance-data}, {@code instance-data.ec2.internal}, ...) resolve there legitimately and
 * are not reported.
 */
public final class DnsSignatures {

    static final String REBIND = "UnauthorizedAccess:EC2/MetadataDNSRebind";
    private static final IPAddress METADATA = Net.parse("169.254.169.254");
    private static final IPAddress METADATA_V6 = Net.parse("fd00:ec2::254");
    private static final Set<String> AWS_METADATA_NAMES = Set.of("instance-data", "instance-data.ec2.internal");

    /** Findings of one DNS record. */
    public List<Hit> evaluate(DnsLogRecord d) {
        List<Hit> hits = new ArrayList<>();
        String query = DomainMatcher.normalise(d.queryName());
        if (query == null || d.answers() == null || isAwsMetadataName(query)) {
            return hits;
        }
        for (DnsLogRecord.Answer a : d.answers()) {
            IPAddress ip = Net.parse(a.rdata());
            if (ip != null && (ip.equals(METADATA) || ip.equals(METADATA_V6))) {
                String resource = d.instanceId() != null ? d.instanceId() : d.srcaddr();
                String description = "EC2 instance " + resource + " queried " + query
                        + ", which resolves to the instance metadata address " + ip.toCanonicalString() + ".";
                long t = d.eventTimeMillis();
                hits.add(new Hit(REBIND, Severities.of(REBIND), "EC2 instance " + resource
                        + " is performing DNS lookups that resolve to the instance metadata service.", description,
                        resource + "|" + query, ThreatListRules.dnsEvidence(d), ThreatListRules.dnsResource(d),
                        Blocks.dnsRequest(query, d.transport(), false), Blocks.TARGET, List.of(), 1, t, t, null));
                break;
            }
        }
        return hits;
    }

    private static boolean isAwsMetadataName(String query) {
        return AWS_METADATA_NAMES.contains(query) || query.startsWith("instance-data.")
                && query.endsWith(".compute.internal");
    }
}
