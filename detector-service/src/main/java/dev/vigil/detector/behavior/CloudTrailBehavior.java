package dev.vigil.detector.behavior;

import dev.vigil.detector.enrichment.GeoIp;
import dev.vigil.detector.rules.Blocks;
import dev.vigil.detector.rules.Hit;
import dev.vigil.detector.rules.Net;
import dev.vigil.detector.rules.Severities;
import dev.vigil.events.CloudTrailRecord;
import inet.ipaddr.IPAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Behavioural rules of one principal (the CloudTrail stream key), evaluated against its learned {@link Profile}.
 *
 * <ul>
 * <li><b>&lt;Tactic&gt;:IAMUser/AnomalousBehavior</b>: after learning, a call whose API has a tactic
 * ({@link ApiTactics}) and whose API, caller network (its autonomous system when an ASN database is configured,
 * else IPv4 /16, IPv6 /48), user agent (product token, e.g.
 * {@code aws-cli}) or region was never seen for the principal. The unseen features are the explanation.
 * <li><b>Discovery:IAMUser/AnomalousBehavior</b> also on a burst: read calls (Describe/List/Get or
 * {@code readOnly}) in one event-time bucket at least {@code burst.min-calls} and above {@code burst.factor} times
 * the principal's learned mean per active bucket (Welford statistic).
 * <li><b>UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS</b> (High 8.0): an instance-role
 * session (type {@code AssumedRole}, principal ID ending {@code :i-<hex>}) used from a public address outside AWS's
 * published ranges ({@link dev.vigil.detector.network.AwsIpRanges}) that is not the session's own and that no
 * account owns (no instance of any account uses it as its own; no AllocateAddress, AssociateAddress or RunInstances
 * of an account names it: {@link #claims}). No learning period. An instance's own public address is always in AWS's
 * ranges unless its account brought it (BYOIP, then claimed), so a session whose very first call comes from an
 * attacker outside AWS is reported; the first address inside AWS a session uses is taken as its own (fallback: the
 * instance obtains and first uses its credentials), and an address inside AWS is never "outside AWS".
 * <li><b>UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.InsideAWS</b> (High 8.0): an instance-role
 * session used from an address or VPC endpoint that is the own origin of an instance of another account. GuardDuty
 * (user guide, "IAM finding types", and the launch note of 2022-01-20): the credentials "are used to invoke APIs
 * from an IP address that is owned by a different AWS account than the one that the associated EC2 instance is
 * running in", extended in 2024 to calls through VPC endpoints of other accounts. CloudTrail does not say who owns
 * an address, so Vigil learns it from what it sees: an address or endpoint that an instance session of account B
 * uses as its own (first stage above) belongs to B, across every tenant (the origin stage is keyed by origin
 * alone). Only the remote account's ID is reported ({@code remoteAccountDetails.accountId}); {@code affiliated}
 * is left out, since the origin stage does not know the tenants' administrator relationships. Both rules run in two
 * stages ({@link #instanceUse}, then {@link #instanceOrigin}), so one call gets at most one of the two types.
 * </ul>
 */
public final class CloudTrailBehavior {

    static final String API = "api";
    static final String NETWORK = "callerNetwork";
    static final String USER_AGENT = "userAgent";
    static final String REGION = "region";
    static final String READS = "readCallsPerActiveBucket";
    static final String ADDRESSES = "instanceSessionAddresses";
    static final String ENDPOINTS = "instanceSessionEndpoints";
    static final String REMOTE_ACCOUNT = "remoteAccountId";
    static final String INSIDE_AWS = "UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.InsideAWS";
    static final String OUTSIDE_AWS = "UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS";
    static final String RESOURCE_INSIDE_AWS = "UnauthorizedAccess:IAMUser/ResourceCredentialExfiltration.InsideAWS";
    private static final Pattern INSTANCE_SESSION = Pattern.compile(".+:i-[0-9a-f]{8,17}$");

    private final BehaviorConfig config;
    /** Discovery calls per bucket (counters {@code burst*}). */
    private final BucketBurst burst;
    private final ApiTactics tactics = new ApiTactics();
    private final GeoIp geo;
    private final dev.vigil.detector.network.AwsIpRanges awsRanges = dev.vigil.detector.network.AwsIpRanges.shipped();

    /** Rules with {@code config}; callers' networks are /16 or /48 blocks. */
    public CloudTrailBehavior(BehaviorConfig config) {
        this(config, GeoIp.none());
    }

    /**
     * Rules with {@code config}; when {@code geo} has an ASN database, a caller's network is its autonomous system
     * ({@code AS<number>}), else (or when the database does not hold the address) its /16 or /48 block.
     */
    public CloudTrailBehavior(BehaviorConfig config, GeoIp geo) {
        this.config = config;
        this.burst = new BucketBurst("burst", READS, config.burst().bucket());
        this.geo = geo;
    }

    /** Evaluates {@code ct} against {@code p} (learning as it goes); {@code p} is updated in place. */
    public List<Anomaly.Result> evaluate(Profile p, CloudTrailRecord ct) {
        List<Anomaly.Result> out = new ArrayList<>();
        if (ct.eventName() == null) {
            return out;
        }
        long t = ct.eventTimeMillis();
        boolean learned = p.learnedAt(t, config.learningPeriod().toMillis());
        String principal = ct.principalId();
        int max = config.maxValuesPerFeature();

        Map<String, String> features = new LinkedHashMap<>();
        features.put(API, ct.eventSource() + ":" + ct.eventName());
        String network = geo.asn(ct.sourceIPAddress()).orElseGet(() -> network(ct.sourceIPAddress()));
        if (network != null) {
            features.put(NETWORK, network);
        }
        String agent = userAgentProduct(ct.userAgent());
        if (agent != null) {
            features.put(USER_AGENT, agent);
        }
        if (ct.awsRegion() != null) {
            features.put(REGION, ct.awsRegion());
        }

        String tactic = tactics.tactic(ct.eventName()).orElse(null);
        if (learned && tactic != null) {
            Anomaly a = new Anomaly(principal);
            boolean unusual = false;
            for (Map.Entry<String, String> f : features.entrySet()) {
                if (!p.hasSeen(f.getKey(), f.getValue())) {
                    unusual = true;
                    a.unseen(f.getKey(), f.getValue());
                }
                a.learnedTexts(f.getKey(), p.values(f.getKey()));
            }
            if (unusual) {
                out.add(new Anomaly.Result(anomalous(ct, tactic, "API " + ct.eventName() + " was invoked by "
                        + Blocks.userName(ct) + " in an unusual way: " + String.join(", ", unseenNames(p, features))
                        + " never seen for this principal."), a.detection()));
            }
        }
        features.forEach((k, v) -> p.see(k, v, max));

        if (isRead(ct)) {
            burst(p, ct, t, learned).ifPresent(out::add);
        }
        p.lastMs = Math.max(p.lastMs, t);
        return out;
    }

    /**
     * The first stage of the instance-credential rules, per instance session (the stream key): where the call came
     * from ({@link InstanceUse#origin()}) and whether that origin is the session's own. The first public address a
     * session is used from is the instance's own (the instance obtains and first uses its credentials), and so is
     * the first VPC endpoint; later uses from the same address or endpoint are too. Private addresses without a VPC
     * endpoint and AWS service host names (a service acting for the session) are not judged. {@code p} learns the
     * session's own origins in place; an origin that is not its own is never learned.
     *
     * @return empty when {@code ct} is not a call of an instance-role session or its origin is not judged
     */
    public java.util.Optional<InstanceUse> instanceUse(Profile p, CloudTrailRecord ct, String accountId, String region,
            String detectorId) {
        String principal = ct.principalId();
        if (ct.userIdentity() == null || !"AssumedRole".equals(ct.userIdentity().type())
                || !INSTANCE_SESSION.matcher(principal).matches()) {
            return java.util.Optional.empty();
        }
        IPAddress ip = Net.parse(ct.sourceIPAddress());
        String feature;
        String origin;
        if (ct.vpcEndpointId() != null && !ct.vpcEndpointId().isBlank()) {
            feature = ENDPOINTS;
            origin = ct.vpcEndpointId().trim();
        } else if (ip != null && Net.isPublic(ip)) {
            feature = ADDRESSES;
            origin = ip.withoutPrefixLength().toCanonicalString();
        } else {
            return java.util.Optional.empty(); // a host name (an AWS service) or a private address without an endpoint
        }
        // an instance's own public address is in AWS's ranges (auto-assigned, Elastic IP, NAT gateway); one outside
        // them is never taken for its own on first use (the attacker may be first), only through a claim
        boolean insideAws = feature.equals(ENDPOINTS) || awsRanges.contains(ip);
        boolean own = p.hasSeen(feature, origin) || p.values(feature).isEmpty() && insideAws;
        List<String> learned = List.copyOf(p.values(feature));
        if (own) {
            p.see(feature, origin, config.maxValuesPerFeature());
        }
        String sessionAccount = ct.userIdentity().accountId() != null ? ct.userIdentity().accountId() : accountId;
        String instance = principal.substring(principal.lastIndexOf(':') + 1);
        return java.util.Optional.of(new InstanceUse(ct.withoutPayloads(), accountId, region, detectorId,
                feature + ":" + origin, sessionAccount, instance, own, feature, learned, insideAws, false, null));
    }

    /**
     * The second stage, per origin: {@code ownerAccount} is the account whose instance sessions use the origin as
     * their own ({@code null} when none is known yet).
     *
     * <ul>
     * <li>An origin owned by another account: <b>UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.InsideAWS</b>
     * (High 8.0), with {@code remoteAccountDetails.accountId} the owner (whether the session called it its own or
     * not: an instance's credentials are never used from another account's instance or VPC endpoint).
     * <li>Otherwise, an origin that is not the session's own and not an endpoint owned by its own account:
     * <b>...OutsideAWS</b> (High 8.0) for a public address, nothing for an endpoint (it is inside AWS, owner unknown).
     * </ul>
     */
    public java.util.Optional<Anomaly.Result> instanceOrigin(String ownerAccount, InstanceUse u) {
        CloudTrailRecord ct = u.record();
        String principal = ct.principalId();
        String shown = u.origin().substring(u.origin().indexOf(':') + 1);
        long t = ct.eventTimeMillis();
        if (ownerAccount != null && !ownerAccount.equals(u.sessionAccount())) {
            Anomaly a = new Anomaly(principal).learnedTexts(u.feature(), u.learned()).unseen(u.feature(), shown)
                    .unseen(REMOTE_ACCOUNT, ownerAccount);
            String d = "Credentials created exclusively for EC2 instance " + u.instanceId() + " through an instance "
                    + "launch role are being used from AWS account " + ownerAccount + " ("
                    + (u.feature().equals(ENDPOINTS) ? "VPC endpoint " : "address ") + shown + ").";
            com.fasterxml.jackson.databind.node.ObjectNode action = Blocks.apiCall(ct, Map.of());
            ((com.fasterxml.jackson.databind.node.ObjectNode) action.get("awsApiCallAction"))
                    .putObject("remoteAccountDetails").put("accountId", ownerAccount);
            return java.util.Optional.of(new Anomaly.Result(new Hit(
                    INSIDE_AWS, Severities.of(INSIDE_AWS), d, d,
                    principal + "|" + ownerAccount, Evidence.of(ct), Blocks.accessKey(ct), action, Blocks.TARGET,
                    List.of(), 1, t, t, null), a.detection()));
        }
        if (u.own() || ownerAccount != null || u.feature().equals(ENDPOINTS) || u.insideAws()) {
            return java.util.Optional.empty(); // its own, its account's, or inside AWS with its owner unknown
        }
        Anomaly a = new Anomaly(principal).learnedTexts(ADDRESSES, u.learned()).unseen(ADDRESSES, shown);
        String d = "Credentials created exclusively for EC2 instance " + u.instanceId() + " through an instance launch "
                + "role are being used from external IP address " + shown + ".";
        return java.util.Optional.of(new Anomaly.Result(new Hit(
                OUTSIDE_AWS, Severities.of(OUTSIDE_AWS), d, d,
                principal + "|" + shown, Evidence.of(ct), Blocks.accessKey(ct), Blocks.apiCall(ct, Map.of()),
                Blocks.TARGET, List.of(), 1, t, t, null), a.detection()));
    }

    /**
     * <b>UnauthorizedAccess:IAMUser/ResourceCredentialExfiltration.InsideAWS</b> (High 8.0; GuardDuty 2025, the
     * Lambda and ECS counterpart of InstanceCredentialExfiltration.InsideAWS): a call of a Lambda function's or ECS
     * task's role session ({@link InstanceUse#resource()}, recognised by {@code resourcecreds.ResourceSessions})
     * from an address or VPC endpoint that {@code ownerAccount}, another account, owns. Owned means what the origin
     * stage knows: another account's instance uses it as its own, or that account's EC2 events or flow logs name it
     * ({@link #claims}, {@link #flowClaim}). A function or task never calls from another account's instance or
     * endpoint: Lambda calls from AWS's shared Lambda addresses or its VPC's NAT gateway or endpoints, a task from its
     * own interface. Modelled on the instance type as GuardDuty documents it: resource {@code AccessKey} (the
     * session's key), action {@code AWS_API_CALL} with {@code remoteAccountDetails.accountId} the owner
     * ({@code affiliated} left out, as for the instance type). An origin whose owner is unknown, or is the session's
     * own account (its NAT gateway's Elastic IP, its own endpoint), is not reported; a resource call never makes an
     * account an origin's owner.
     */
    public java.util.Optional<Hit> resourceOrigin(String ownerAccount, InstanceUse u) {
        if (u.resource() == null || ownerAccount == null || ownerAccount.equals(u.sessionAccount())) {
            return java.util.Optional.empty();
        }
        CloudTrailRecord ct = u.record();
        String shown = u.origin().substring(u.origin().indexOf(':') + 1);
        long t = ct.eventTimeMillis();
        String d = "Credentials created exclusively for " + u.resource() + " are being used from AWS account "
                + ownerAccount + " (" + (u.feature().equals(ENDPOINTS) ? "VPC endpoint " : "address ") + shown + ").";
        com.fasterxml.jackson.databind.node.ObjectNode action = Blocks.apiCall(ct, Map.of());
        ((com.fasterxml.jackson.databind.node.ObjectNode) action.get("awsApiCallAction"))
                .putObject("remoteAccountDetails").put("accountId", ownerAccount);
        return java.util.Optional.of(new Hit(RESOURCE_INSIDE_AWS, Severities.of(RESOURCE_INSIDE_AWS),
                "Credentials of " + u.resource() + " were used from a remote AWS account.", d,
                ct.principalId() + "|" + ownerAccount, Evidence.of(ct), Blocks.accessKey(ct), action, Blocks.TARGET,
                List.of(), 1, t, t, null));
    }

    /**
     * A call of a Lambda function's or ECS task's role session, {@code resource} (e.g. {@code Lambda function
     * orders-export}), from a public address inside AWS's ranges or through a VPC endpoint, for the origin stage
     * ({@link #resourceOrigin}); empty for any other origin.
     */
    public java.util.Optional<InstanceUse> resourceUse(CloudTrailRecord ct, String resource, String accountId,
            String region, String detectorId) {
        String feature;
        String origin;
        IPAddress ip = Net.parse(ct.sourceIPAddress());
        if (ct.vpcEndpointId() != null && !ct.vpcEndpointId().isBlank()) {
            feature = ENDPOINTS;
            origin = ct.vpcEndpointId().trim();
        } else if (ip != null && Net.isPublic(ip) && awsRanges.contains(ip)) {
            feature = ADDRESSES;
            origin = ip.withoutPrefixLength().toCanonicalString();
        } else {
            return java.util.Optional.empty();
        }
        String sessionAccount = ct.userIdentity() != null && ct.userIdentity().accountId() != null
                ? ct.userIdentity().accountId() : accountId;
        return java.util.Optional.of(new InstanceUse(ct.withoutPayloads(), accountId, region, detectorId,
                feature + ":" + origin, sessionAccount, null, false, feature, List.of(), true, false, resource));
    }

    /**
     * The claim that {@code account}'s instance {@code instanceId} owns public address {@code address}, learned from
     * a flow log: the address is its network interface's own ({@code interfaces.OwnAddress}). In VPC Flow Logs an
     * interface's IPv4 address is always its private one (the internet gateway translates the public one), so what
     * flow logs teach here are IPv6 addresses and public addresses an account brought or routes itself (BYOIP);
     * empty for a private address.
     */
    public java.util.Optional<InstanceUse> flowClaim(String address, String instanceId, String account, String region,
            String detectorId) {
        return addressClaim(address, instanceId, account, region, detectorId);
    }

    /**
     * The instance stage: {@code u}, a call of an instance session, judged against {@code known}, the public
     * addresses that the instance's account's logs name as the instance's own (flow logs, RunInstances,
     * AssociateAddress: {@link #claims}, {@link #flowClaim}). When some of the call's IP version are known, the
     * call's address is the instance's own exactly when it is one of them; the session stage's first-use guess
     * (the first address inside AWS a session uses) stands only when none is known, so an attacker whose call is the
     * session's first is not taken for the instance and never makes the account an address's owner. Endpoints and
     * claims pass unchanged.
     */
    public InstanceUse withKnownAddresses(InstanceUse u, List<String> known) {
        if (u.claim() || !u.feature().equals(ADDRESSES) || known.isEmpty()) {
            return u;
        }
        String address = u.origin().substring(u.origin().indexOf(':') + 1);
        IPAddress ip = Net.parse(address);
        if (ip == null) {
            return u;
        }
        List<String> sameVersion = known.stream().filter(k -> {
            IPAddress a = Net.parse(k);
            return a != null && a.isIPv4() == ip.isIPv4();
        }).toList();
        if (sameVersion.isEmpty()) {
            return u;
        }
        boolean own = sameVersion.contains(address);
        return own == u.own() ? u : new InstanceUse(u.record(), u.accountId(), u.region(), u.detectorId(), u.origin(),
                u.sessionAccount(), u.instanceId(), own, u.feature(), u.learned(), u.insideAws(), false, null);
    }

    /**
     * One call of an instance-role session (or, with {@code resource}, of a Lambda/ECS role session) on its way
     * from the session stage to the origin stage, or a claim of an address.
     *
     * @param record         the call without its payloads ({@code CloudTrailRecord.withoutPayloads}: uses cross two
     *                       repartition topics), {@code null} for a claim
     * @param accountId      the tenant whose trail holds the call (where a finding goes), with its region and detector
     * @param origin         {@code <feature>:<address or VPC endpoint ID>}, the key of the origin stage
     * @param sessionAccount the account of the instance role, which is the instance's account
     * @param own            whether the origin is the session's own (first stage)
     * @param feature        {@code instanceSessionAddresses} or {@code instanceSessionEndpoints}
     * @param learned        the session's own origins of that feature before this call
     * @param insideAws      whether the origin is a VPC endpoint or an address in AWS's published ranges
     * @param claim          not a call but a claim: {@code sessionAccount} owns the address ({@link #claims},
     *                       {@link #flowClaim})
     * @param resource       the Lambda function or ECS task whose session made the call ({@link #resourceUse}),
     *                       {@code null} for an instance session or a claim
     */
    public record InstanceUse(CloudTrailRecord record, String accountId, String region, String detectorId,
            String origin, String sessionAccount, String instanceId, boolean own, String feature,
            List<String> learned, boolean insideAws, boolean claim, String resource) {
    }

    /**
     * The public addresses that successful CloudTrail event {@code ct} of {@code accountId} ties to that account, as
     * claims for the origin stage (keyed {@code instanceSessionAddresses:<address>}): {@code AllocateAddress}
     * ({@code responseElements.publicIp}), {@code AssociateAddress} ({@code requestParameters.publicIp}, with its
     * {@code instanceId} when it names one) and {@code RunInstances} (per instance of {@code responseElements}: its
     * {@code ipAddress}, its interfaces' {@code association.publicIp} and {@code ipv6AddressesSet}, with the
     * instance's ID). Such an address is then the account's own even outside AWS's ranges (BYOIP); a claim that
     * names its instance also tells the instance stage ({@code BehaviorTopology}) which addresses the instance's
     * own are.
     */
    public List<InstanceUse> claims(CloudTrailRecord ct, String accountId, String region, String detectorId) {
        List<InstanceUse> out = new ArrayList<>();
        String name = ct.eventName();
        if (name == null || !"ec2.amazonaws.com".equals(ct.eventSource())
                || !dev.vigil.detector.rules.CloudTrailSignatures.succeeded(ct)) {
            return out;
        }
        switch (name) {
            case "AllocateAddress" -> claim(out, text(ct.responseElements(), "publicIp"), null, accountId, region,
                    detectorId);
            case "AssociateAddress" -> claim(out, text(ct.requestParameters(), "publicIp"),
                    text(ct.requestParameters(), "instanceId"), accountId, region, detectorId);
            case "RunInstances" -> {
                if (ct.responseElements() != null) {
                    for (com.fasterxml.jackson.databind.JsonNode i : ct.responseElements().path("instancesSet")
                            .path("items")) {
                        String instance = text(i, "instanceId");
                        claim(out, text(i, "ipAddress"), instance, accountId, region, detectorId);
                        for (com.fasterxml.jackson.databind.JsonNode n : i.path("networkInterfaceSet").path("items")) {
                            claim(out, text(n.path("association"), "publicIp"), instance, accountId, region,
                                    detectorId);
                            for (com.fasterxml.jackson.databind.JsonNode v6 : n.path("ipv6AddressesSet")
                                    .path("items")) {
                                claim(out, text(v6, "ipv6Address"), instance, accountId, region, detectorId);
                            }
                        }
                    }
                }
            }
            default -> {
                return out;
            }
        }
        return out;
    }

    private void claim(List<InstanceUse> out, String address, String instanceId, String account, String region,
            String detectorId) {
        addressClaim(address, instanceId, account, region, detectorId).ifPresent(out::add);
    }

    /**
     * The claim that {@code account} (its instance {@code instanceId}, when not {@code null}) owns public address
     * {@code address}, for the origin stage; empty for a private or unparsable address.
     */
    private java.util.Optional<InstanceUse> addressClaim(String address, String instanceId, String account,
            String region, String detectorId) {
        IPAddress ip = Net.parse(address);
        if (ip == null || !Net.isPublic(ip)) {
            return java.util.Optional.empty();
        }
        String canonical = ip.withoutPrefixLength().toCanonicalString();
        return java.util.Optional.of(new InstanceUse(null, account, region, detectorId, ADDRESSES + ":" + canonical,
                account, instanceId, true, ADDRESSES, List.of(), awsRanges.contains(ip), true, null));
    }

    private static String text(com.fasterxml.jackson.databind.JsonNode n, String field) {
        return n != null && n.hasNonNull(field) ? n.get(field).asText() : null;
    }

    private java.util.Optional<Anomaly.Result> burst(Profile p, CloudTrailRecord ct, long t, boolean learned) {
        long count = burst.count(p, t);
        if (count == 0) {
            return java.util.Optional.empty(); // a late record of an older bucket: too late to count
        }
        Welford w = p.stat(READS);
        if (!learned || burst.fired(p) || count < config.burst().minCalls()
                || count <= config.burst().factor() * w.mean) {
            return java.util.Optional.empty();
        }
        burst.fire(p);
        Anomaly a = new Anomaly(ct.principalId()).learnedNumbers(READS, w.mean, w.stdDev(), w.n).rare(READS, count);
        return java.util.Optional.of(new Anomaly.Result(anomalous(ct, "Discovery", Blocks.userName(ct) + " made "
                + count + " Describe/List/Get calls within " + config.burst().bucket().toMinutes()
                + " minutes, far above its learned mean of " + Math.round(w.mean) + " per active period."),
                a.detection()));
    }

    private Hit anomalous(CloudTrailRecord ct, String tactic, String description) {
        long t = ct.eventTimeMillis();
        String type = tactic + ":IAMUser/AnomalousBehavior";
        return new Hit(type, Severities.anomalousBehavior(tactic), "The API " + ct.eventName() + " was used by "
                + Blocks.userName(ct) + " in an anomalous way.", description, ct.principalId(), Evidence.of(ct),
                Blocks.accessKey(ct), Blocks.apiCall(ct, Map.of()), Blocks.TARGET, List.of(), 1, t, t, null);
    }

    private static List<String> unseenNames(Profile p, Map<String, String> features) {
        List<String> out = new ArrayList<>();
        features.forEach((k, v) -> {
            if (!p.hasSeen(k, v)) {
                out.add(k + " " + v);
            }
        });
        return out;
    }

    /** Whether the call only reads: CloudTrail's {@code readOnly}, or a Describe/List/Get name. */
    static boolean isRead(CloudTrailRecord ct) {
        if (ct.readOnly() != null) {
            return ct.readOnly();
        }
        String n = ct.eventName();
        return n.startsWith("Describe") || n.startsWith("List") || n.startsWith("Get");
    }

    /** The caller's network: the IPv4 /16 or IPv6 /48 prefix block, or {@code null} for a host name. */
    public static String network(String source) {
        IPAddress ip = Net.parse(source);
        if (ip == null) {
            return null;
        }
        int bits = ip.isIPv4() ? 16 : 48;
        return ip.withoutPrefixLength().setPrefixLength(bits, false).toPrefixBlock().toCanonicalString();
    }

    /**
     * The product token of a user agent ({@code aws-cli} for {@code aws-cli/2.13.0 Python/3.11 ...}), so that
     * upgrades do not look new; the console's {@code [...]} wrapper is removed.
     */
    public static String userAgentProduct(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return null;
        }
        String ua = userAgent.trim();
        if (ua.startsWith("[") && ua.endsWith("]")) {
            ua = ua.substring(1, ua.length() - 1);
        }
        int space = ua.indexOf(' ');
        String first = space < 0 ? ua : ua.substring(0, space);
        int slash = first.indexOf('/');
        return (slash < 0 ? first : first.substring(0, slash)).toLowerCase(Locale.ROOT);
    }
}
