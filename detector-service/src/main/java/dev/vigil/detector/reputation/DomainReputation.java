package dev.vigil.detector.reputation;

import dev.vigil.detector.rules.Net;
import dev.vigil.detector.threatintel.BuiltInThreatIntel;
import dev.vigil.detector.threatintel.Category;
import inet.ipaddr.IPAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The reputation of a domain that is on no threat list, from the shipped intelligence, for the GuardDuty types
 * {@code Impact:EC2/MaliciousDomainRequest.Reputation}, {@code Impact:EC2/BitcoinDomainRequest.Reputation} and
 * {@code Impact:EC2/SuspiciousDomainRequest.Reputation}. How a domain gets a reputation:
 * <ul>
 * <li><b>benign</b>: it is popular ({@link PopularDomains}); a popular domain never gets a bad reputation, which is
 * the false-positive control of every rule here and of the DGA rule.
 * <li><b>malicious</b>: it resolves to an address on a malicious list (URLhaus hosts, C&amp;C, drop points), or its
 * registrable domain (Public Suffix List, private suffixes included) holds at least {@value #SIBLINGS} host names on
 * the malicious domain lists (phishing, drive-by, C&amp;C, drop points, DGA) while it is not listed itself: the
 * attacker's domain serves more than the names already caught.
 * <li><b>bitcoin</b>: the same two features against the cryptocurrency lists, or a name built like a mining pool's:
 * one of its labels, split on dots and hyphens, is a pool word ({@link #POOL_WORDS}) and another a coin ticker
 * ({@link #COINS}), as {@code xmr.pool.example.net} or {@code stratum-btc.example.com}.
 * <li><b>suspicious</b>: at least {@value #SUSPICIOUS_SCORE} of these risk features: a top-level domain where the
 * shipped malicious names outnumber the popular ones at least nine to one ({@link #riskyTlds}, derived from the
 * data at load, Laplace-smoothed, at least {@value #MIN_TLD_EVIDENCE} malicious names); a registrable label that
 * looks generated (below the DGA model's burst threshold); a registrable label of at least
 * {@value #LONG_LABEL} characters, with two or more hyphens, or with four or more digits; an internationalised
 * (punycode) registrable label, the material of look-alike names.
 * </ul>
 */
public final class DomainReputation {

    /** Listed host names a registrable domain must hold before its other names inherit the reputation. */
    static final int SIBLINGS = 2;
    /** Risk features a suspicious domain needs. */
    static final int SUSPICIOUS_SCORE = 2;
    /** Malicious names a top-level domain needs before its risk is trusted. */
    static final int MIN_TLD_EVIDENCE = 20;
    /** Smoothed malicious share at which a top-level domain is risky. */
    static final double RISKY_TLD_SHARE = 0.9;
    static final int LONG_LABEL = 20;
    static final Set<String> POOL_WORDS = Set.of("pool", "pools", "stratum", "mining", "miner", "mine", "hashrate",
            "solo", "proxy");
    static final Set<String> COINS = Set.of("xmr", "monero", "btc", "bitcoin", "eth", "etc", "ethash", "ltc", "rvn",
            "zec", "kas", "erg", "doge", "bch", "dash", "zeph", "xmrig", "cryptonight", "randomx", "kawpow");
    private static final List<Category> MALICIOUS_DOMAINS = List.of(Category.PHISHING, Category.DRIVEBY,
            Category.C2, Category.DROPPOINT, Category.DGA);
    private static final java.util.regex.Pattern DIGIT_GROUPS =
            java.util.regex.Pattern.compile("\\d{1,3}[.-]\\d{1,3}[.-]\\d{1,3}");
    private static final List<Category> MALICIOUS_IPS = List.of(Category.MALICIOUS, Category.C2, Category.DROPPOINT);

    /** What a domain's reputation is. */
    public enum Kind { BENIGN, MALICIOUS, BITCOIN, SUSPICIOUS, UNKNOWN }

    /**
     * A verdict with the features that decided it.
     *
     * @param kind    the reputation
     * @param reasons what was found, in words, for the finding's description
     */
    public record Verdict(Kind kind, List<String> reasons) {
    }

    private final BuiltInThreatIntel intel;
    private final PopularDomains popular;
    private final java.util.function.Predicate<String> generated;
    private final Map<String, Integer> maliciousSites = new HashMap<>();
    private final Map<String, Integer> cryptoSites = new HashMap<>();
    private final Set<String> riskyTlds;

    /**
     * Reputation over {@code intel} and {@code popular}; {@code generated} tells whether a name's registrable label
     * looks algorithmically generated (the DGA model's burst test).
     */
    public DomainReputation(BuiltInThreatIntel intel, PopularDomains popular,
            java.util.function.Predicate<String> generated) {
        this.intel = intel;
        this.popular = popular;
        this.generated = generated;
        Map<String, Integer> maliciousTlds = new HashMap<>();
        for (Category c : MALICIOUS_DOMAINS) {
            for (String d : intel.domains(c).domains()) {
                count(maliciousSites, d);
                maliciousTlds.merge(tld(d), 1, Integer::sum);
            }
        }
        intel.domains(Category.CRYPTO).domains().forEach(d -> count(cryptoSites, d));
        Map<String, Integer> popularTlds = new HashMap<>();
        popular.names().forEach(n -> popularTlds.merge(tld(n), 1, Integer::sum));
        this.riskyTlds = riskyTlds(maliciousTlds, popularTlds);
    }

    private static void count(Map<String, Integer> sites, String listed) {
        String d = listed.startsWith("*.") ? listed.substring(2) : listed;
        String site = PopularDomains.topPrivateDomain(d);
        if (site != null && !site.equals(d) && !isAddressName(d)) {
            sites.merge(site, 1, Integer::sum);
        }
    }

    /**
     * Whether a host name spells an address ({@code 5-157-110-232.dyn.example.it}, {@code 132.red-81-42-249...}):
     * such names of infected home routers say nothing of their ISP's other names.
     */
    static boolean isAddressName(String host) {
        return DIGIT_GROUPS.matcher(host).find();
    }

    /** The top-level domains whose smoothed malicious share is at least {@value #RISKY_TLD_SHARE}. */
    static Set<String> riskyTlds(Map<String, Integer> malicious, Map<String, Integer> benign) {
        Set<String> out = new java.util.TreeSet<>();
        malicious.forEach((tld, m) -> {
            int b = benign.getOrDefault(tld, 0);
            if (m >= MIN_TLD_EVIDENCE && (m + 1.0) / (m + b + 2.0) >= RISKY_TLD_SHARE) {
                out.add(tld);
            }
        });
        return out;
    }

    /** The risky top-level domains derived from the shipped data (see the class comment). */
    public Set<String> riskyTlds() {
        return riskyTlds;
    }

    /** Whether {@code name} is popular. */
    public boolean isPopular(String name) {
        return popular.isPopular(name);
    }

    /** The reputation of {@code name} (normalised, on no threat list) answered with {@code answers} (may be null). */
    public Verdict assess(String name, List<String> answers) {
        if (popular.isPopular(name)) {
            return new Verdict(Kind.BENIGN, List.of("popular"));
        }
        String site = PopularDomains.topPrivateDomain(name);
        List<String> malicious = new ArrayList<>();
        answer(answers, MALICIOUS_IPS, malicious, "resolves to %s, a known malicious address");
        siblings(site, maliciousSites, malicious, "its domain %s holds %d names on malicious lists");
        if (!malicious.isEmpty()) {
            return new Verdict(Kind.MALICIOUS, malicious);
        }
        List<String> crypto = new ArrayList<>();
        answer(answers, List.of(Category.CRYPTO), crypto, "resolves to %s, a known cryptocurrency node");
        siblings(site, cryptoSites, crypto, "its domain %s holds %d names on cryptocurrency lists");
        if (looksLikePool(name)) {
            crypto.add("it is named like a mining pool");
        }
        if (!crypto.isEmpty()) {
            return new Verdict(Kind.BITCOIN, crypto);
        }
        List<String> risks = risks(name, site);
        return new Verdict(risks.size() >= SUSPICIOUS_SCORE ? Kind.SUSPICIOUS : Kind.UNKNOWN, risks);
    }

    private void answer(List<String> answers, List<Category> lists, List<String> reasons, String format) {
        if (answers == null) {
            return;
        }
        for (String a : answers) {
            IPAddress ip = Net.parse(a);
            if (ip != null && Net.isPublic(ip) && lists.stream().map(intel::ips).anyMatch(m -> m.contains(ip))) {
                reasons.add(String.format(Locale.ROOT, format, ip.toCanonicalString()));
                return;
            }
        }
    }

    private void siblings(String site, Map<String, Integer> sites, List<String> reasons, String format) {
        Integer n = site == null || popular.isPopular(site) ? null : sites.get(site);
        if (n != null && n >= SIBLINGS) {
            reasons.add(String.format(Locale.ROOT, format, site, n));
        }
    }

    static boolean looksLikePool(String name) {
        String[] tokens = name.split("[.-]");
        boolean pool = false;
        boolean coin = false;
        for (String t : tokens) {
            pool |= POOL_WORDS.contains(t);
            coin |= COINS.contains(t);
        }
        return pool && coin;
    }

    private List<String> risks(String name, String site) {
        List<String> risks = new ArrayList<>();
        if (riskyTlds.contains(tld(name))) {
            risks.add("its top-level domain ." + tld(name) + " is mostly seen on malicious lists");
        }
        String label = site == null ? null : site.substring(0, site.indexOf('.'));
        if (label == null) {
            return risks;
        }
        if (generated.test(name)) {
            risks.add("its label '" + label + "' looks generated");
        }
        long hyphens = label.chars().filter(c -> c == '-').count();
        long digits = label.chars().filter(Character::isDigit).count();
        if (label.length() >= LONG_LABEL || hyphens >= 2 || digits >= 4) {
            risks.add("its label '" + label + "' is long, hyphenated or digit-heavy");
        }
        if (label.startsWith("xn--")) {
            risks.add("its label is internationalised (punycode), the material of look-alike names");
        }
        return risks;
    }

    private static String tld(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(dot + 1);
    }
}
