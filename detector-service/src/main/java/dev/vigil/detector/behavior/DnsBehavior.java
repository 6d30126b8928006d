package dev.vigil.detector.behavior;

import com.google.common.net.InternetDomainName;
import dev.vigil.detector.rules.Blocks;
import dev.vigil.detector.rules.Hit;
import dev.vigil.detector.rules.Severities;
import dev.vigil.detector.threatintel.DomainMatcher;
import dev.vigil.events.DnsLogRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * DNS rules of the behavioural family.
 *
 * <ul>
 * <li><b>Trojan:EC2/DGADomainRequest.B</b> (High 8.0): the name's registrable label is unlike benign names
 * ({@link DgaModel}); stateless.
 * <li><b>Impact:EC2/AbusedDomainRequest.Reputation</b> (Medium 5.0): a subdomain of a free-subdomain, dynamic-DNS
 * or tunnelling provider (resource {@code behavior/abused-domains.txt}); stateless.
 * <li><b>Impact:EC2/SuspiciousDomainRequest.Reputation</b> (Low 2.0): a registrable domain never queried in the
 * tenant (account) before, after the tenant's learning period; evaluated against the tenant's {@link Profile}.
 * </ul>
 * Severities are GuardDuty's defaults (user guide, "EC2 finding types").
 */
public final class DnsBehavior {

    static final String DOMAIN = "registrableDomain";
    private static final DomainMatcher ABUSED = load("/behavior/abused-domains.txt");

    private final BehaviorConfig config;
    private final DgaModel model = DgaModel.get();

    /** Rules with {@code config}. */
    private final java.util.function.Predicate<String> listed;

    public DnsBehavior(BehaviorConfig config) {
        this(config, domain -> false);
    }

    /** The DNS rules; a query for a domain that {@code listed} accepts is left to the threat-list finding. */
    public DnsBehavior(BehaviorConfig config, java.util.function.Predicate<String> listed) {
        this.config = config;
        this.listed = listed;
    }

    /** The stateless findings (DGA, abused domain) of one query. */
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
        if (model.isDga(name, config.dga().minLabelLength())) {
            String label = DgaModel.label(name);
            double score = model.scoreLabel(label);
            Anomaly a = new Anomaly("dgaModel").learnedNumbers("bigramLogLikelihoodThreshold", model.threshold())
                    .rare("bigramLogLikelihood", score);
            String desc = "EC2 instance " + resource + " is querying " + name + ", whose label '" + label
                    + "' looks algorithmically generated (mean bigram log-likelihood " + round(score)
                    + " below the benign threshold " + round(model.threshold()) + ").";
            // one finding per instance: DGA malware queries hundreds of generated names, each counts on it
            out.add(new Anomaly.Result(hit(d, "Trojan:EC2/DGADomainRequest.B", name, desc, resource),
                    a.detection()));
        }
        return out;
    }

    /** The tenant-wide finding (a never-seen registrable domain) of one query; {@code p} is updated in place. */
    public List<Anomaly.Result> tenant(Profile p, DnsLogRecord d) {
        String name = DomainMatcher.normalise(d.queryName());
        String domain = registrable(name);
        if (domain == null) {
            return List.of();
        }
        long t = d.eventTimeMillis();
        boolean learned = p.learned(t, config.learningPeriod().toMillis());
        List<Anomaly.Result> out = new ArrayList<>();
        if (learned && !p.hasSeen(DOMAIN, domain)) {
            Anomaly a = new Anomaly(d.accountId()).learnedTexts(DOMAIN, p.values(DOMAIN)).unseen(DOMAIN, domain);
            String desc = "EC2 instance " + resource(d) + " is querying " + name + " under " + domain
                    + ", a domain never queried in this account before.";
            out.add(new Anomaly.Result(hit(d, "Impact:EC2/SuspiciousDomainRequest.Reputation", name, desc,
                    resource(d) + "|" + domain), a.detection()));
        }
        p.see(DOMAIN, domain, config.maxValuesPerFeature());
        p.lastMs = Math.max(p.lastMs, t);
        return out;
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
