package dev.vigil.detector.behavior;

import com.google.common.net.InternetDomainName;
import dev.vigil.detector.reputation.DomainReputation;
import dev.vigil.detector.reputation.PopularDomains;
import dev.vigil.detector.rules.Blocks;
import dev.vigil.detector.rules.Hit;
import dev.vigil.detector.threatintel.BuiltInThreatIntel;
import dev.vigil.detector.rules.Severities;
import dev.vigil.detector.threatintel.DomainMatcher;
import dev.vigil.events.DnsLogRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * DNS rules of the behavioural family. A name on a threat list is left to the list's finding; a popular name
 * ({@link PopularDomains}) raises none of these.
 *
 * <ul>
 * <li><b>Trojan:EC2/DGADomainRequest.B</b> (High 8.0): the name's registrable label is far unlike benign names
 * (below the strict threshold of {@link DgaModel}), or the instance got {@value #BURST} NXDOMAIN answers within
 * {@value #BURST_MINUTES} minutes (event time) for distinct names below the model's looser burst threshold, as DGA
 * malware does while it searches for its live domain. One finding per instance.
 * <li><b>Impact:EC2/AbusedDomainRequest.Reputation</b> (Medium 5.0): a subdomain of a free-subdomain, dynamic-DNS
 * or tunnelling provider (resource {@code behavior/abused-domains.txt}).
 * <li><b>Impact:EC2/MaliciousDomainRequest.Reputation</b> and <b>Impact:EC2/BitcoinDomainRequest.Reputation</b>
 * (High 8.0): a domain with a malicious or cryptocurrency reputation ({@link DomainReputation}).
 * <li><b>Impact:EC2/SuspiciousDomainRequest.Reputation</b> (Low 2.0): after the tenant's learning period, a
 * registrable domain never queried in the tenant (account) before whose reputation is suspicious (at least two
 * risk features, {@link DomainReputation}); evaluated against the tenant's {@link Profile}.
 * </ul>
 * Severities are GuardDuty's defaults (user guide, "EC2 finding types").
 */
public final class DnsBehavior {

    static final String DOMAIN = "registrableDomain";
    /** NXDOMAIN answers for generated-looking names an instance needs before a burst is reported. */
    static final int BURST = 3;
    /** Event-time window of a burst, in minutes. */
    static final long BURST_MINUTES = 60;
    static final String DGA = "Trojan:EC2/DGADomainRequest.B";
    private static final DomainMatcher ABUSED = load("/behavior/abused-domains.txt");

    private final BehaviorConfig config;
    private final DgaModel model = DgaModel.get();
    private final Predicate<String> listed;
    private final DomainReputation reputation;

    /** The DNS rules over {@code intel}: a query for a domain on its lists is left to the threat-list finding. */
    public DnsBehavior(BehaviorConfig config, BuiltInThreatIntel intel) {
        this(config, intel, PopularDomains.get());
    }

    /** As {@link #DnsBehavior(BehaviorConfig, BuiltInThreatIntel)} with another popular list (benchmarks). */
    DnsBehavior(BehaviorConfig config, BuiltInThreatIntel intel, PopularDomains popular) {
        this.config = config;
        this.listed = intel::listsDomain;
        this.reputation = new DomainReputation(intel, popular,
                n -> model.isBurstCandidate(n, config.dga().minLabelLength()));
    }

    /** The stateless findings (DGA, abused domain, malicious and cryptocurrency reputation) of one query. */
    public List<Anomaly.Result> stateless(DnsLogRecord d) {
        List<Anomaly.Result> out = new ArrayList<>();
        String name = DomainMatcher.normalise(d.queryName());
        if (name == null || listed.test(name)) {
            return out;
        }
        String resource = resource(d);
        String provider = abusedProvider(name);
        if (provider != null) {
            String desc = "EC2 instance " + resource + " is querying " + name + ", a subdomain of " + provider
                    + ", a free-subdomain or dynamic-DNS provider commonly abused by malware.";
            out.add(new Anomaly.Result(hit(d, "Impact:EC2/AbusedDomainRequest.Reputation", name, desc,
                    resource + "|" + name), null));
        }
        if (reputation.isPopular(name)) {
            return out;
        }
        DomainReputation.Verdict v = reputation.assess(name, answers(d));
        if (v.kind() == DomainReputation.Kind.MALICIOUS || v.kind() == DomainReputation.Kind.BITCOIN) {
            boolean bad = v.kind() == DomainReputation.Kind.MALICIOUS;
            String type = bad ? "Impact:EC2/MaliciousDomainRequest.Reputation"
                    : "Impact:EC2/BitcoinDomainRequest.Reputation";
            String desc = "EC2 instance " + resource + " is querying " + name + ", a domain with a "
                    + (bad ? "malicious" : "cryptocurrency") + " reputation: " + String.join("; ", v.reasons()) + ".";
            out.add(new Anomaly.Result(hit(d, type, name, desc, resource + "|" + site(name)), null));
        }
        if (model.isDga(name, config.dga().minLabelLength())) {
            out.add(dga(d, name, "whose label '%s' looks algorithmically generated (log-likelihood ratio %s below"
                    + " the strict benign threshold %s).", model.threshold()));
        }
        return out;
    }

    private Anomaly.Result dga(DnsLogRecord d, String name, String why, double threshold) {
        String label = DgaModel.label(name);
        double score = model.scoreLabel(label);
        Anomaly a = new Anomaly("dgaModel").learnedNumbers("logLikelihoodRatioThreshold", threshold)
                .rare("logLikelihoodRatio", score);
        String desc = "EC2 instance " + resource(d) + " is querying " + name + ", "
                + String.format(java.util.Locale.ROOT, why, label, round(score), round(threshold));
        // one finding per instance: DGA malware queries hundreds of generated names, each counts on it
        return new Anomaly.Result(hit(d, DGA, name, desc, resource(d)), a.detection());
    }

    /**
     * The tenant-wide findings of one query ({@code p} is the account's profile, updated in place): a suspicious
     * never-seen registrable domain, and bursts of NXDOMAIN answers for generated-looking names per instance.
     */
    public List<Anomaly.Result> tenant(Profile p, DnsLogRecord d) {
        String name = DomainMatcher.normalise(d.queryName());
        String domain = registrable(name);
        if (domain == null) {
            return List.of();
        }
        long t = d.eventTimeMillis();
        List<Anomaly.Result> out = new ArrayList<>();
        boolean judged = !listed.test(name) && !reputation.isPopular(name);
        if (judged) {
            burst(p, d, name, t).ifPresent(out::add);
        }
        boolean learned = p.learnedAt(t, config.learningPeriod().toMillis());
        if (judged && learned && !p.hasSeen(DOMAIN, domain)) {
            DomainReputation.Verdict v = reputation.assess(name, answers(d));
            if (v.kind() == DomainReputation.Kind.SUSPICIOUS) {
                Anomaly a = new Anomaly(d.accountId()).learnedTexts(DOMAIN, p.values(DOMAIN)).unseen(DOMAIN, domain);
                String desc = "EC2 instance " + resource(d) + " is querying " + name + " under " + domain
                        + ", a domain never queried in this account before with a low reputation: "
                        + String.join("; ", v.reasons()) + ".";
                out.add(new Anomaly.Result(hit(d, "Impact:EC2/SuspiciousDomainRequest.Reputation", name, desc,
                        resource(d) + "|" + domain), a.detection()));
            }
        }
        p.see(DOMAIN, domain, config.maxValuesPerFeature());
        p.lastMs = Math.max(p.lastMs, t);
        return out;
    }

    /**
     * Counts an NXDOMAIN answer for a generated-looking name in the instance's current burst window (kept in the
     * profile as {@code dgaBurst:<instance>}, one window per instance, so the state stays small) and reports the
     * burst once it holds {@value #BURST} distinct names. A name the strict test already flags is left to
     * {@link #stateless}.
     */
    private java.util.Optional<Anomaly.Result> burst(Profile p, DnsLogRecord d, String name, long t) {
        int min = config.dga().minLabelLength();
        if (!"NXDOMAIN".equals(d.rcode()) || !model.isBurstCandidate(name, min) || model.isDga(name, min)) {
            return java.util.Optional.empty();
        }
        String feature = "dgaBurst:" + resource(d);
        long window = t / (BURST_MINUTES * 60_000L);
        Long current = p.counters.get(feature);
        if (current == null || current != window) {
            p.forget(feature);
            p.putCounter(feature, window);
        }
        p.see(feature, name, BURST);
        if (p.values(feature).size() < BURST) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(dga(d, name, "whose label '%s' looks generated (log-likelihood ratio %s below"
                + " the burst threshold %s), one of " + BURST + " or more such names answered NXDOMAIN within "
                + BURST_MINUTES + " minutes.", model.burstThreshold()));
    }

    private static List<String> answers(DnsLogRecord d) {
        return d.answers() == null ? null : d.answers().stream().map(DnsLogRecord.Answer::rdata).toList();
    }

    private static String site(String name) {
        String s = PopularDomains.topPrivateDomain(name);
        return s == null ? name : s;
    }

    /** The provider of the abused-domain list that {@code name} is a strict subdomain of, or {@code null}. */
    static String abusedProvider(String name) {
        DomainMatcher.Match m = ABUSED.match(name);
        return m == null || m.domain().equals(name) ? null : m.domain();
    }

    /**
     * The registrable domain (one label under the ICANN suffix) of a normalised name, or {@code null} (internal
     * names such as {@code ec2.internal}, reverse lookups under {@code .arpa}).
     */
    static String registrable(String name) {
        if (name == null || name.endsWith(".arpa")) { // reverse lookups name addresses, not domains
            return null;
        }
        try {
            InternetDomainName d = InternetDomainName.from(name);
            return d.isUnderRegistrySuffix() ? d.topDomainUnderRegistrySuffix().toString() : null;
        } catch (IllegalArgumentException | IllegalStateException e) {
            return null;
        }
    }

    private static String resource(DnsLogRecord d) {
        return d.instanceId() != null ? d.instanceId() : d.srcaddr();
    }

    private static Hit hit(DnsLogRecord d, String type, String name, String description,
            String key) {
        long t = d.eventTimeMillis();
        boolean blocked = "REJECT".equals(d.firewallRuleAction()) || "BLOCK".equals(d.firewallRuleAction());
        return new Hit(type, Severities.of(type), description, description, key, Evidence.of(d),
                Blocks.instance(d.instanceId(), null, d.srcaddr(), d.vpcId(), null),
                Blocks.dnsRequest(name, d.transport(), blocked), Blocks.ACTOR, List.of(), 1, t, t, null);
    }

    private static double round(double x) {
        return Math.round(x * 1000) / 1000.0;
    }

    private static DomainMatcher load(String resource) {
        try (InputStream in = DnsBehavior.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource " + resource + " is missing");
            }
            DomainMatcher m = new DomainMatcher();
            new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::trim)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(l -> m.add(l, "abused-domains"));
            return m;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }
}
