package dev.vigil.detector.s3data;

import dev.vigil.detector.rules.Blocks;
import dev.vigil.detector.rules.CloudTrailSignatures;
import dev.vigil.detector.rules.Hit;
import dev.vigil.detector.rules.Net;
import dev.vigil.detector.rules.Severities;
import dev.vigil.detector.rules.Tenant;
import dev.vigil.detector.threatintel.BuiltInThreatIntel;
import dev.vigil.detector.threatintel.Category;
import dev.vigil.events.CloudTrailRecord;
import inet.ipaddr.IPAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The stateless S3 data-event types (GuardDuty user guide, "S3 finding types", data source "S3 CloudTrail data
 * events"), on one call each, whether it succeeded or was denied (GuardDuty's own findings show denied calls):
 *
 * <ul>
 * <li>caller on the tenant's threat list: {@code Discovery:S3/MaliciousIPCaller.Custom} for a discovery API, else
 * {@code UnauthorizedAccess:S3/MaliciousIPCaller.Custom};
 * <li>caller a Tor exit node: {@code Discovery:S3/TorIPCaller}, else {@code UnauthorizedAccess:S3/TorIPCaller};
 * <li>caller a known malicious address (built-in malicious and C2 lists): {@code Discovery:},
 * {@code Exfiltration:} or {@code Impact:S3/MaliciousIPCaller} by the API's {@link S3Tactic};
 * <li>user agent of a penetration-testing distribution: {@code PenTest:S3/KaliLinux}, {@code ParrotLinux},
 * {@code PentooLinux}.
 * </ul>
 *
 * An address on the tenant's trusted lists raises none of them (GuardDuty's trusted IP lists).
 */
public final class S3DataSignatures {

    private final BuiltInThreatIntel intel;

    /** Signatures over the built-in lists {@code intel}. */
    public S3DataSignatures(BuiltInThreatIntel intel) {
        this.intel = intel;
    }

    /** The hits of S3 data event {@code ct} of {@code tenant} (usually none). */
    public List<Hit> evaluate(CloudTrailRecord ct, Tenant tenant) {
        List<Hit> hits = new ArrayList<>();
        if (ct.eventName() == null) {
            return hits;
        }
        IPAddress ip = Net.parse(ct.sourceIPAddress());
        if (ip != null && tenant.lists().trusted().contains(ip)) {
            return hits;
        }
        S3Tactic tactic = S3Tactic.of(ct.eventName());
        String bucket = S3Blocks.bucket(ct);
        if (ip != null && Net.isPublic(ip)) {
            String caller = ip.withoutPrefixLength().toCanonicalString();
            List<String> custom = tenant.lists().threats().match(ip);
            if (!custom.isEmpty()) {
                hits.add(hit(ct, (tactic.discovery() ? "Discovery" : "UnauthorizedAccess")
                        + ":S3/MaliciousIPCaller.Custom", caller, custom, "CustomThreatList",
                        "an address on your threat list " + String.join(", ", custom)));
            }
            List<String> tor = intel.ips(Category.TOR).match(ip);
            if (!tor.isEmpty()) {
                hits.add(hit(ct, (tactic.discovery() ? "Discovery" : "UnauthorizedAccess") + ":S3/TorIPCaller",
                        caller, tor, Category.TOR.threatName(), "a Tor exit node"));
            }
            List<String> malicious = new ArrayList<>(intel.ips(Category.MALICIOUS).match(ip));
            malicious.addAll(intel.ips(Category.C2).match(ip));
            if (!malicious.isEmpty()) {
                String prefix = switch (tactic) {
                    case DISCOVERY -> "Discovery";
                    case EXFILTRATION -> "Exfiltration";
                    default -> "Impact";
                };
                hits.add(hit(ct, prefix + ":S3/MaliciousIPCaller", caller, malicious, Category.MALICIOUS.threatName(),
                        "a known malicious address"));
            }
        }
        for (String os : CloudTrailSignatures.pentestDistributions(ct.userAgent())) {
            String type = "PenTest:S3/" + os;
            String d = "S3 API " + ct.eventName() + " on bucket " + bucket + " was invoked by " + Blocks.userName(ct)
                    + " from a machine running " + os + ", a penetration-testing distribution.";
            hits.add(new Hit(type, Severities.of(type), "S3 API " + ct.eventName() + " was invoked from a " + os
                    + " computer.", d, ct.principalId() + "|" + bucket, CloudTrailSignatures.evidence(ct),
                    S3Blocks.resource(ct), S3Blocks.action(ct), Blocks.TARGET, List.of(), 1, ct.eventTimeMillis(),
                    ct.eventTimeMillis(), null));
        }
        return hits;
    }

    private static Hit hit(CloudTrailRecord ct, String type, String caller, List<String> lists, String threatName,
            String what) {
        long t = ct.eventTimeMillis();
        String bucket = S3Blocks.bucket(ct);
        String description = "S3 API " + ct.eventName() + " on bucket " + bucket + " was invoked by "
                + Blocks.userName(ct) + " from " + caller + ", " + what + ".";
        List<Hit.ThreatDetail> details = lists.stream().map(l -> new Hit.ThreatDetail(l, List.of(threatName)))
                .toList();
        return new Hit(type, Severities.of(type), "S3 API " + ct.eventName() + " was invoked from " + what + ".",
                description, ct.principalId() + "|" + caller + "|" + bucket, CloudTrailSignatures.evidence(ct),
                S3Blocks.resource(ct), S3Blocks.action(ct), Blocks.TARGET, details, 1, t, t, null);
    }
}
