package dev.vigil.detector.behavior;

import dev.vigil.detector.rules.FindingFactory;
import dev.vigil.detector.rules.FlowView;
import dev.vigil.detector.rules.Net;
import dev.vigil.detector.rules.Scope;
import dev.vigil.detector.rules.Tenant;
import dev.vigil.detector.threatintel.BuiltInThreatIntel;
import dev.vigil.detector.threatintel.DomainMatcher;
import dev.vigil.events.CloudTrailRecord;
import dev.vigil.events.DnsLogRecord;
import dev.vigil.events.FindingCandidate;
import dev.vigil.events.FlowLogRecord;
import dev.vigil.detector.state.ObjectCachingStoreBuilder;
import dev.vigil.events.JsonSerde;
import io.quarkus.logging.Log;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The behavioural part of the detector topology. It takes the analysed streams that
 * {@code streams.DetectorTopology} builds (values of any type {@code V}, read through accessor functions) and
 * returns finding candidates keyed by finding ID:
 *
 * <pre>
 * (flows and trail: records with an address of the tenant's trusted lists are dropped first)
 * flows (key account/ENI)        ─► process [store behavior-flow-profiles]       ─► NetworkPortUnusual, TrafficVolumeUnusual, Spambot
 * dns   (key account/instance)   ─► flatMap (stateless)                          ─► DGADomainRequest.B, Abused/Malicious/BitcoinDomainRequest.Reputation
 *                                └► selectKey(account) ─► repartition behavior-dns-by-account
 *                                   ─► process [store behavior-dns-tenant-profiles] ─► SuspiciousDomainRequest.Reputation, DGA bursts
 * trail (key account/principal)  ─► process [store behavior-cloudtrail-profiles] ─► *:IAMUser/AnomalousBehavior
 *                                └► process [store behavior-instance-sessions] (instance sessions: own origins)
 *                                   + address claims (AllocateAddress, AssociateAddress, RunInstances responses)
 *                                   + flow claims (flows ─► process [store behavior-interface-claims]: an instance's
 *                                     own public address, from its interface's flow logs)
 *                                   + Lambda/ECS session calls from inside AWS (resourcecreds)
 *                                   (instance calls and claims naming an instance first:
 *                                    ─► repartition behavior-instance-addresses (key account/instance)
 *                                    ─► process [store behavior-instance-addresses]: own or not by the instance's
 *                                       known addresses, the first-use guess only when none is known)
 *                                   ─► repartition behavior-instance-origins (key: address or VPC endpoint)
 *                                   ─► process [store behavior-instance-origins]  ─► InstanceCredentialExfiltration
 *                                                                                  .InsideAWS / .OutsideAWS,
 *                                                                                  ResourceCredentialExfiltration
 *                                                                                  .InsideAWS
 * </pre>
 *
 * <p>Stores are persistent RocksDB key-value stores with change logging (Kafka Streams' default), holding one
 * {@link Profile} (JSON) per stream key; a restart restores them from their changelog topics.
 */
public final class BehaviorTopology {

    /** Profiles of network interfaces, keyed {@code account/ENI}. */
    public static final String FLOW_STORE = "behavior-flow-profiles";
    /** Domain profiles of tenants, keyed by account ID. */
    public static final String DNS_STORE = "behavior-dns-tenant-profiles";
    /** Profiles of principals, keyed {@code account/principalId}. */
    public static final String TRAIL_STORE = "behavior-cloudtrail-profiles";
    /** The own origins (addresses, VPC endpoints) of instance-role sessions, keyed {@code account/principalId}. */
    public static final String SESSION_STORE = "behavior-instance-sessions";
    /** The account owning each origin of instance sessions, keyed {@code <feature>:<origin>}, across tenants. */
    public static final String ORIGIN_STORE = "behavior-instance-origins";
    /** The public addresses claimed as each instance's own, keyed {@code account/instanceId}. */
    public static final String INSTANCE_STORE = "behavior-instance-addresses";
    /** Addresses kept per instance. */
    static final int MAX_INSTANCE_ADDRESSES = 8;
    /** The (own public address, instance) pairs each interface's flow logs have claimed, keyed {@code account/ENI}. */
    public static final String CLAIMS_STORE = "behavior-interface-claims";
    /** Claimed pairs remembered per interface ({@code interfaces.OwnAddress} keeps 4 addresses; one instance). */
    static final int MAX_CLAIMS = 4;

    private final FlowBehavior flow;
    private final DnsBehavior dns;
    private final CloudTrailBehavior trail;
    private final FindingFactory findings;

    /**
     * The behavioural rules with {@code config}; {@code intel} tells which domains are on a threat list (whose own
     * finding is more specific than a DGA or reputation finding for the same query) and gives domains their
     * reputation; callers' networks are known by their ASN from {@code geo} when it has an ASN database; candidates
     * are made by {@code findings}.
     */
    public BehaviorTopology(BehaviorConfig config, BuiltInThreatIntel intel, dev.vigil.detector.enrichment.GeoIp geo,
            FindingFactory findings) {
        this.flow = new FlowBehavior(config);
        this.dns = new DnsBehavior(config, intel);
        this.trail = new CloudTrailBehavior(config, geo);
        this.findings = findings;
    }

    /** A DNS record with its tenant context, as repartitioned by account. */
    public record DnsAtTenant(DnsLogRecord record, String accountId, String region, String detectorId) {
    }

    /** The flow candidates of {@code in}. */
    public <V> KStream<String, FindingCandidate> flows(StreamsBuilder builder, KStream<String, V> input,
            Function<V, FlowLogRecord> record, Function<V, Tenant> tenant) {
        // traffic with an address of the tenant's trusted lists is neither reported nor learned (GuardDuty's
        // trusted IP lists: "GuardDuty does not generate findings" for them)
        KStream<String, V> in = input.filterNot((k, v) -> trustedFlow(tenant.apply(v), record.apply(v)),
                Named.as("behavior-flow-untrusted"));
        addProfileStore(builder, FLOW_STORE);
        return in.process(() -> new ProfileProcessor<V>(FLOW_STORE, v -> record.apply(v).eventTimeMillis(),
                tenant.andThen(Tenant::scope),
                (p, v) -> flow.evaluate(p, record.apply(v))), Named.as("behavior-flow"), FLOW_STORE);
    }

    /** The DNS candidates of {@code in}. */
    public <V> KStream<String, FindingCandidate> dns(StreamsBuilder builder, KStream<String, V> input,
            Function<V, DnsLogRecord> record, Function<V, Tenant> tenant) {
        // a domain on the tenant's trusted lists raises no DNS finding (GuardDuty's trusted entity sets)
        KStream<String, V> in = input.filterNot((k, v) -> trusted(tenant.apply(v), record.apply(v)),
                Named.as("behavior-dns-untrusted"));
        KStream<String, FindingCandidate> stateless = in.flatMap((k, v) -> {
            try {
                Scope where = tenant.apply(v).scope();
                return dns.stateless(record.apply(v)).stream()
                        .map(r -> pair(findings.candidate(r.hit(), r.detection(), where))).toList();
            } catch (RuntimeException e) {
                Log.warnf(e, "behavioural DNS rules failed on a record of %s; record skipped", k);
                return List.<KeyValue<String, FindingCandidate>>of();
            }
        }, Named.as("behavior-dns-stateless"));
        addProfileStore(builder, DNS_STORE);
        KStream<String, FindingCandidate> tenantWide = in
                .map((k, v) -> {
                    Tenant t = tenant.apply(v);
                    return KeyValue.pair(t.accountId(), new DnsAtTenant(record.apply(v), t.accountId(), t.region(),
                            t.detectorId()));
                }, Named.as("behavior-dns-by-account-key"))
                .repartition(Repartitioned.with(Serdes.String(), new JsonSerde<>(DnsAtTenant.class))
                        .withName("behavior-dns-by-account"))
                .process(() -> new ProfileProcessor<DnsAtTenant>(DNS_STORE, v -> v.record().eventTimeMillis(),
                v -> new Scope(v.accountId(), v.region(), v.detectorId()), (p, v) -> dns.tenant(p, v.record())), Named.as("behavior-dns-tenant"),
                        DNS_STORE);
        return stateless.merge(tenantWide, Named.as("behavior-dns-merge"));
    }

    /** Whether the flow's remote address ({@link FlowView}) is on the tenant's trusted lists. */
    static boolean trustedFlow(Tenant t, FlowLogRecord f) {
        if (t == null || t.lists() == null || f == null) {
            return false;
        }
        FlowView v = FlowView.of(f);
        return v != null && v.remote() != null && t.lists().trusted().contains(v.remote());
    }

    /** Whether the call's {@code sourceIPAddress} is on the tenant's trusted lists. */
    static boolean trustedCaller(Tenant t, CloudTrailRecord ct) {
        if (t == null || t.lists() == null || ct == null) {
            return false;
        }
        inet.ipaddr.IPAddress ip = Net.parse(ct.sourceIPAddress());
        return ip != null && t.lists().trusted().contains(ip);
    }

    private static boolean trusted(Tenant t, DnsLogRecord d) {
        return t != null && t.lists() != null && d != null
                && t.lists().trustedDomains().match(DomainMatcher.normalise(d.queryName())) != null;
    }

    /** The CloudTrail candidates of {@code in}, with no origins from other families. */
    public <V> KStream<String, FindingCandidate> cloudTrail(StreamsBuilder builder, KStream<String, V> input,
            Function<V, CloudTrailRecord> record, Function<V, Tenant> tenant) {
        return cloudTrail(builder, input, record, tenant, null);
    }

    /**
     * The CloudTrail candidates of {@code in}; {@code more} (may be {@code null}, any key: each is routed by what it
     * names) are further uses and claims that the instance and origin stages judge with the instance sessions' own:
     * Lambda/ECS session calls from inside AWS ({@code resourcecreds}) and addresses learned from flow logs
     * ({@link #flowClaims}).
     */
    public <V> KStream<String, FindingCandidate> cloudTrail(StreamsBuilder builder, KStream<String, V> input,
            Function<V, CloudTrailRecord> record, Function<V, Tenant> tenant,
            KStream<String, CloudTrailBehavior.InstanceUse> more) {
        // a call from an address of the tenant's trusted lists is neither reported nor learned
        KStream<String, V> in = input.filterNot((k, v) -> trustedCaller(tenant.apply(v), record.apply(v)),
                Named.as("behavior-cloudtrail-untrusted"));
        addProfileStore(builder, TRAIL_STORE);
        KStream<String, FindingCandidate> principals = in.process(() -> new ProfileProcessor<V>(TRAIL_STORE,
                v -> record.apply(v).eventTimeMillis(), tenant.andThen(Tenant::scope),
                (p, v) -> trail.evaluate(p, record.apply(v))), Named.as("behavior-cloudtrail"), TRAIL_STORE);
        addStore(builder, SESSION_STORE);
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ORIGIN_STORE),
                Serdes.String(), Serdes.String()));
        // addresses that EC2 events tie to an account (Elastic IPs, launch responses), whoever the caller
        KStream<String, CloudTrailBehavior.InstanceUse> claims = input.flatMap((k, v) -> {
            try {
                Tenant t = tenant.apply(v);
                return trail.claims(record.apply(v), t.accountId(), t.region(), t.detectorId()).stream()
                        .map(u -> KeyValue.pair(u.origin(), u)).toList();
            } catch (RuntimeException e) {
                Log.warnf(e, "address claims failed on a record of %s; record skipped", k);
                return List.<KeyValue<String, CloudTrailBehavior.InstanceUse>>of();
            }
        }, Named.as("behavior-address-claims"));
        KStream<String, CloudTrailBehavior.InstanceUse> all = in
                .process(() -> new SessionProcessor<V>(record, tenant), Named.as("behavior-instance-sessions"),
                        SESSION_STORE)
                .merge(more == null ? claims : claims.merge(more, Named.as("behavior-more-origins")),
                        Named.as("behavior-instance-uses-and-claims"));
        // instance-session calls and the claims naming an instance meet per instance first (its known addresses)
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(INSTANCE_STORE),
                Serdes.String(), Serdes.String()));
        KStream<String, CloudTrailBehavior.InstanceUse> judgedByInstance = all
                .filter((k, u) -> perInstance(u), Named.as("behavior-instance-named"))
                .selectKey((k, u) -> u.sessionAccount() + "/" + u.instanceId(), Named.as("behavior-by-instance-key"))
                .repartition(Repartitioned.with(Serdes.String(), new JsonSerde<>(CloudTrailBehavior.InstanceUse.class))
                        .withName("behavior-instance-addresses"))
                .process(InstanceProcessor::new, Named.as("behavior-instance-addresses"), INSTANCE_STORE);
        KStream<String, FindingCandidate> origins = all
                .filterNot((k, u) -> perInstance(u), Named.as("behavior-instance-unnamed"))
                .selectKey((k, u) -> u.origin(), Named.as("behavior-by-origin-key"))
                .merge(judgedByInstance, Named.as("behavior-origin-inputs"))
                .repartition(Repartitioned.with(Serdes.String(), new JsonSerde<>(CloudTrailBehavior.InstanceUse.class))
                        .withName("behavior-instance-origins"))
                .process(OriginProcessor::new, Named.as("behavior-instance-origin"), ORIGIN_STORE);
        return principals.merge(origins, Named.as("behavior-cloudtrail-merge"));
    }

    /**
     * Addresses that flow logs show to be an instance's own, as claims keyed {@code account/instanceId}
     * ({@link CloudTrailBehavior#flowClaim}): of each record whose direction is known (the log's
     * {@code flow-direction}, or set from the interface's learned address by {@code interfaces.OwnAddress} upstream)
     * and which names its instance, the interface's side. Each interface's claimed address and instance pairs are
     * kept in {@link #CLAIMS_STORE} (at most {@value #MAX_CLAIMS}), so a claim travels once, not with every record.
     */
    public <V> KStream<String, CloudTrailBehavior.InstanceUse> flowClaims(StreamsBuilder builder,
            KStream<String, V> flows, Function<V, FlowLogRecord> record, Function<V, Tenant> tenant) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CLAIMS_STORE),
                Serdes.String(), Serdes.String()));
        return flows.process(() -> new FlowClaimProcessor<V>(record, tenant), Named.as("behavior-flow-claims"),
                CLAIMS_STORE);
    }

    /** Per interface: claims each newly seen (own public address, instance) pair once ({@link #flowClaims}). */
    private final class FlowClaimProcessor<V>
            implements Processor<String, V, String, CloudTrailBehavior.InstanceUse> {

        private final Function<V, FlowLogRecord> record;
        private final Function<V, Tenant> tenant;
        private KeyValueStore<String, String> store;
        private ProcessorContext<String, CloudTrailBehavior.InstanceUse> context;

        FlowClaimProcessor(Function<V, FlowLogRecord> record, Function<V, Tenant> tenant) {
            this.record = record;
            this.tenant = tenant;
        }

        @Override
        public void init(ProcessorContext<String, CloudTrailBehavior.InstanceUse> context) {
            this.context = context;
            this.store = context.getStateStore(CLAIMS_STORE);
        }

        @Override
        public void process(Record<String, V> r) {
            if (r.key() == null || r.value() == null) {
                return;
            }
            try {
                FlowLogRecord f = record.apply(r.value());
                String own = "egress".equalsIgnoreCase(f.flowDirection()) ? f.srcaddr()
                        : "ingress".equalsIgnoreCase(f.flowDirection()) ? f.dstaddr() : null;
                if (own == null || f.instanceId() == null || f.instanceId().isBlank() || f.instanceId().equals("-")) {
                    return;
                }
                Tenant t = tenant.apply(r.value());
                String owner = f.awsAccountId() != null && !f.awsAccountId().isBlank() ? f.awsAccountId()
                        : t.accountId();
                trail.flowClaim(own, f.instanceId(), owner, t.region(), t.detectorId()).ifPresent(u -> {
                    String next = appended(store.get(r.key()), u.origin() + " " + f.instanceId(), MAX_CLAIMS);
                    if (next != null) {
                        store.put(r.key(), next);
                        context.forward(r.withKey(u.sessionAccount() + "/" + u.instanceId()).withValue(u));
                    }
                });
            } catch (RuntimeException e) {
                Log.warnf(e, "flow address claims failed on a record of %s; record skipped", r.key());
            }
        }
    }

    /**
     * First stage of the instance-credential rules ({@link CloudTrailBehavior#instanceUse}): per instance session,
     * learns its own origins in {@link #SESSION_STORE} and forwards each judged call keyed by its origin.
     */
    private final class SessionProcessor<V> implements Processor<String, V, String, CloudTrailBehavior.InstanceUse> {

        private final Function<V, CloudTrailRecord> record;
        private final Function<V, Tenant> tenant;
        private KeyValueStore<String, Profile> store;
        private ProcessorContext<String, CloudTrailBehavior.InstanceUse> context;

        SessionProcessor(Function<V, CloudTrailRecord> record, Function<V, Tenant> tenant) {
            this.record = record;
            this.tenant = tenant;
        }

        @Override
        public void init(ProcessorContext<String, CloudTrailBehavior.InstanceUse> context) {
            this.context = context;
            this.store = context.getStateStore(SESSION_STORE);
        }

        @Override
        public void process(Record<String, V> r) {
            if (r.key() == null || r.value() == null) {
                return;
            }
            try {
                CloudTrailRecord ct = record.apply(r.value());
                Tenant t = tenant.apply(r.value());
                Profile p = store.get(r.key());
                Profile q = p != null ? p : Profile.startingAt(ct.eventTimeMillis());
                trail.instanceUse(q, ct, t.accountId(), t.region(), t.detectorId()).ifPresent(u -> {
                    store.put(r.key(), q);
                    context.forward(r.withKey(u.origin()).withValue(u));
                });
            } catch (RuntimeException e) {
                Log.warnf(e, "instance-session rules failed on a record of %s; record skipped", r.key());
            }
        }
    }

    /** Whether {@code u} goes through the instance stage: an instance session's call, or a claim naming an instance. */
    private static boolean perInstance(CloudTrailBehavior.InstanceUse u) {
        return u.resource() == null && u.instanceId() != null && u.sessionAccount() != null;
    }

    /**
     * The instance stage ({@link CloudTrailBehavior#withKnownAddresses}), keyed {@code account/instanceId}: keeps the
     * public addresses that claims name as the instance's own ({@link #INSTANCE_STORE}, at most
     * {@value #MAX_INSTANCE_ADDRESSES}, the newest kept) and passes every claim and call on keyed by origin, calls
     * with their own-origin verdict decided by those addresses where any of the call's IP version are known.
     */
    private final class InstanceProcessor extends UseStage<CloudTrailBehavior.InstanceUse> {

        InstanceProcessor() {
            super(INSTANCE_STORE, "instance-address");
        }

        @Override
        void handle(Record<String, CloudTrailBehavior.InstanceUse> r, CloudTrailBehavior.InstanceUse u) {
            String stored = store.get(r.key());
            if (u.claim()) {
                String next = appended(stored, u.origin().substring(u.origin().indexOf(':') + 1),
                        MAX_INSTANCE_ADDRESSES);
                if (next != null) {
                    store.put(r.key(), next);
                }
                context.forward(r.withKey(u.origin()));
                return;
            }
            context.forward(r.withKey(u.origin()).withValue(trail.withKnownAddresses(u, lines(stored))));
        }
    }

    /** The lines of a stored newline-joined list ({@code null}: none). */
    private static List<String> lines(String stored) {
        return stored == null || stored.isEmpty() ? List.of() : List.of(stored.split("\n"));
    }

    /** {@code stored} with {@code item} appended, at most {@code max} kept (the newest), or {@code null} if present. */
    private static String appended(String stored, String item, int max) {
        List<String> known = lines(stored);
        if (known.contains(item)) {
            return null;
        }
        List<String> next = new java.util.ArrayList<>(known);
        next.add(item);
        return String.join("\n", next.subList(Math.max(0, next.size() - max), next.size()));
    }

    /**
     * A stage over instance uses and claims with one string store: skips empty records and logs (and skips) a
     * record its rule fails on.
     */
    private abstract static class UseStage<O> implements Processor<String, CloudTrailBehavior.InstanceUse, String, O> {

        private final String storeName;
        private final String what;
        KeyValueStore<String, String> store;
        ProcessorContext<String, O> context;

        UseStage(String storeName, String what) {
            this.storeName = storeName;
            this.what = what;
        }

        @Override
        public void init(ProcessorContext<String, O> context) {
            this.context = context;
            this.store = context.getStateStore(storeName);
        }

        @Override
        public void process(Record<String, CloudTrailBehavior.InstanceUse> r) {
            if (r.key() == null || r.value() == null) {
                return;
            }
            try {
                handle(r, r.value());
            } catch (RuntimeException e) {
                Log.warnf(e, "%s rules failed on a record of %s; record skipped", what, r.key());
            }
        }

        abstract void handle(Record<String, CloudTrailBehavior.InstanceUse> r, CloudTrailBehavior.InstanceUse u);
    }

    /**
     * Second stage ({@link CloudTrailBehavior#instanceOrigin}): per origin, the account whose instances use it as
     * their own ({@link #ORIGIN_STORE}, claimed by the first such use) decides between InsideAWS, OutsideAWS and
     * nothing; candidates go to the tenant whose trail holds the call.
     */
    private final class OriginProcessor extends UseStage<FindingCandidate> {

        OriginProcessor() {
            super(ORIGIN_STORE, "instance-origin");
        }

        @Override
        void handle(Record<String, CloudTrailBehavior.InstanceUse> r, CloudTrailBehavior.InstanceUse u) {
            if (u.claim()) {
                store.put(r.key(), u.sessionAccount()); // an account's Elastic IP, launch or flow-log address
                return;
            }
            String owner = store.get(r.key());
            if (u.resource() != null) { // a Lambda/ECS session: judged, never an owner
                trail.resourceOrigin(owner, u).ifPresent(h -> forward(r, h, null, u));
                return;
            }
            if (owner == null && u.own()) {
                store.put(r.key(), u.sessionAccount());
            }
            trail.instanceOrigin(owner, u).ifPresent(res -> forward(r, res.hit(), res.detection(), u));
        }

        private void forward(Record<String, CloudTrailBehavior.InstanceUse> r, dev.vigil.detector.rules.Hit h,
                com.fasterxml.jackson.databind.JsonNode detection, CloudTrailBehavior.InstanceUse u) {
            Scope where = new Scope(u.accountId(), u.region(), u.detectorId());
            FindingCandidate c = detection == null ? findings.candidate(h, where)
                    : findings.candidate(h, detection, where);
            context.forward(r.withKey(c.finding().id()).withValue(c));
        }
    }

    /**
     * The candidates of a learned rule of another family (e.g. S3 data events) over {@code in}: one {@link Profile}
     * per stream key in the new store {@code storeName}, evaluated by {@code rule} as the rules here are (see
     * {@link ProfileProcessor}); {@code time} is the record's event time (UTC ms), {@code where} its tenant scope.
     */
    public <V> KStream<String, FindingCandidate> profiled(StreamsBuilder builder, KStream<String, V> in,
            String storeName, java.util.function.ToLongFunction<V> time, Function<V, Scope> where,
            BiFunction<Profile, V, List<Anomaly.Result>> rule) {
        addProfileStore(builder, storeName);
        return in.process(() -> new ProfileProcessor<V>(storeName, time, where, rule), Named.as(storeName),
                storeName);
    }

    /**
     * The running application's {@link BehaviorConfig} (the {@code detector.behavior.*} mapping Quarkus registers), or,
     * outside Quarkus (tests, benchmarks), the mapping's defaults with system properties and environment applied.
     */
    public static BehaviorConfig configured() {
        try {
            return org.eclipse.microprofile.config.ConfigProvider.getConfig()
                    .unwrap(io.smallrye.config.SmallRyeConfig.class).getConfigMapping(BehaviorConfig.class);
        } catch (RuntimeException e) {
            return new io.smallrye.config.SmallRyeConfigBuilder().withMapping(BehaviorConfig.class)
                    .addDefaultSources().build().getConfigMapping(BehaviorConfig.class);
        }
    }

    /**
     * A profile store read and written only by {@link ProfileProcessor}, which puts every profile it changes: its
     * profiles stay deserialised between records ({@code state.ObjectCachingStore}) and are written once per commit.
     */
    private static void addProfileStore(StreamsBuilder builder, String name) {
        builder.addStateStore(ObjectCachingStoreBuilder.persistent(name, new ProfileSerde()));
    }

    private static void addStore(StreamsBuilder builder, String name) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(),
                new ProfileSerde()));
    }

    private static KeyValue<String, FindingCandidate> pair(FindingCandidate c) {
        return KeyValue.pair(c.finding().id(), c);
    }

    /**
     * Loads the key's profile (a new one starting at the record's event time when absent), applies the rule, stores
     * the profile when the rule changed it ({@link Profile#revision()}) unless it is still empty (a record the rule
     * does not profile, such as an inbound flow or a reverse lookup, does not start the learning period) and forwards the candidates keyed by finding ID with the input record's timestamp. Records with
     * no event time are skipped (they cannot be placed in a learning period); a failing rule skips the record.
     */
    final class ProfileProcessor<V> implements Processor<String, V, String, FindingCandidate> {

        private final String storeName;
        private final java.util.function.ToLongFunction<V> time;
        private final Function<V, Scope> where;
        private final BiFunction<Profile, V, List<Anomaly.Result>> rule;
        private KeyValueStore<String, Profile> store;
        private ProcessorContext<String, FindingCandidate> context;

        ProfileProcessor(String storeName, java.util.function.ToLongFunction<V> time, Function<V, Scope> where,
                BiFunction<Profile, V, List<Anomaly.Result>> rule) {
            this.storeName = storeName;
            this.time = time;
            this.where = where;
            this.rule = rule;
        }

        @Override
        public void init(ProcessorContext<String, FindingCandidate> context) {
            this.context = context;
            this.store = context.getStateStore(storeName);
        }

        @Override
        public void process(Record<String, V> r) {
            if (r.key() == null || r.value() == null) {
                return;
            }
            try {
                long t = time.applyAsLong(r.value());
                if (t <= 0) {
                    return;
                }
                Profile p = store.get(r.key());
                boolean fresh = p == null;
                if (fresh) {
                    p = Profile.startingAt(t);
                }
                long revision = p.revision();
                List<Anomaly.Result> results = rule.apply(p, r.value());
                if (!p.isEmpty() && (fresh || p.revision() != revision)) {
                    store.put(r.key(), p);
                }
                Scope w = where.apply(r.value());
                for (Anomaly.Result res : results) {
                    FindingCandidate c = findings.candidate(res.hit(), res.detection(), w);
                    context.forward(r.withKey(c.finding().id()).withValue(c));
                }
            } catch (RuntimeException e) {
                Log.warnf(e, "behavioural rules (%s) failed on a record of %s; record skipped", storeName, r.key());
            }
        }
    }
}
