package dev.vigil.detector.behavior;

import com.google.common.net.InternetDomainName;
import dev.vigil.detector.reputation.PopularDomains;
import dev.vigil.detector.threatintel.DomainMatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A character language model of benign domain labels, used to recognise algorithmically generated domains
 * (Trojan:EC2/DGADomainRequest.B). The technique is the n-gram likelihood test of DGA detection (Yadav et al.,
 * "Detecting algorithmically generated malicious domain names", IMC 2010; Schiavoni et al., "Phoenix: DGA-based
 * botnet tracking", DIMVA 2014).
 *
 * <p>The score of a name is the log-likelihood ratio of its registrable label (the label left of the ICANN public
 * suffix: {@code google} for {@code www.google.co.uk}) under the benign model against uniformly random characters,
 * summed over its characters (so a long random label gathers more evidence than a short one). The benign model is
 * a character trigram model over {@code a-z 0-9 -} with start/end markers, interpolated with bigram and add-one
 * unigram estimates (Jelinek and Mercer, 1980; weights {@value #W3}/{@value #W2}/{@value #W1}); hyphen-separated
 * words are scored as separate sequences. Low scores are unlike benign names.
 *
 * <p>Training happens at class load from the shipped popular-domains list ({@link PopularDomains}): each distinct
 * registrable label goes by a stable hash to the TRAIN (70%), CALIBRATION (15%) or TEST (15%) split; the model is
 * trained on TRAIN only. Two thresholds come from the CALIBRATION scores (labels of at least {@value #MIN_LENGTH}
 * characters): the <em>strict</em> one at the {@value #STRICT_FPR} quantile (one such name is evidence enough) and
 * the <em>burst</em> one at the {@value #BURST_FPR} quantile (such names count only when an instance gets several of
 * them answered NXDOMAIN in a short time, see {@link DnsBehavior}). TEST is left for the benchmark
 * ({@code DgaBenchmarkTest}, figures in BENCHMARKS.md).
 */
public final class DgaModel {

    /** Interpolation weights of the trigram, bigram and unigram estimates. */
    static final double W3 = 0.5;
    static final double W2 = 0.35;
    static final double W1 = 0.15;
    /** Share of held-out benign names allowed below the strict threshold. */
    static final double STRICT_FPR = 0.0005;
    /** Share of held-out benign names allowed below the burst threshold. */
    static final double BURST_FPR = 0.05;
    /**
     * Calibration uses labels at least this long: shorter ones are never scored (the default of
     * {@code detector.behavior.dga.min-label-length}).
     */
    static final int MIN_LENGTH = 7;
    /**
     * A label must be at least this long to be flagged on its own by the strict test: shorter generated-looking
     * labels ({@code 1280wnam}, {@code flv2mp3}) are as often benign abbreviations, so they count only in bursts.
     */
    static final int MIN_STRICT_LENGTH = 10;
    private static final String ALPHABET = "^$abcdefghijklmnopqrstuvwxyz0123456789-";
    private static final int N = ALPHABET.length();
    private static final double UNIFORM = Math.log(1.0 / (N - 1));

    /** A split of the benign labels. */
    public enum Split { TRAIN, CALIBRATION, TEST }

    private static final DgaModel DEFAULT = new DgaModel(benignLabels(Split.TRAIN), benignLabels(Split.CALIBRATION));

    private final float[] logProb = new float[N * N * N];
    private final double strict;
    private final double burst;

    private DgaModel(List<String> train, List<String> calibration) {
        double[] c3 = new double[N * N * N];
        double[] c2 = new double[N * N];
        double[] c1 = new double[N];
        Arrays.fill(c1, 1.0);
        for (String label : train) {
            for (String piece : pieces(label)) {
                int[] s = encode(piece);
                for (int i = 2; i < s.length; i++) {
                    c3[(s[i - 2] * N + s[i - 1]) * N + s[i]]++;
                    c2[s[i - 1] * N + s[i]]++;
                    c1[s[i]]++;
                }
            }
        }
        double total1 = Arrays.stream(c1).sum();
        for (int a = 0; a < N; a++) {
            for (int b = 0; b < N; b++) {
                double ctx3 = 0;
                for (int c = 0; c < N; c++) {
                    ctx3 += c3[(a * N + b) * N + c];
                }
                double ctx2 = 0;
                for (int c = 0; c < N; c++) {
                    ctx2 += c2[b * N + c];
                }
                for (int c = 0; c < N; c++) {
                    double p3 = ctx3 == 0 ? 0 : c3[(a * N + b) * N + c] / ctx3;
                    double p2 = ctx2 == 0 ? 0 : c2[b * N + c] / ctx2;
                    logProb[(a * N + b) * N + c] = (float) (Math.log(W3 * p3 + W2 * p2 + W1 * c1[c] / total1)
                            - UNIFORM);
                }
            }
        }
        double[] scores = calibration.stream().filter(l -> l.length() >= MIN_LENGTH).mapToDouble(this::scoreLabel)
                .sorted().toArray();
        this.strict = quantile(scores, STRICT_FPR);
        this.burst = quantile(scores, BURST_FPR);
    }

    private static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        return sorted[Math.min((int) Math.floor(q * sorted.length), sorted.length - 1)];
    }

    /** The model trained on the shipped popular-domains list. */
    public static DgaModel get() {
        return DEFAULT;
    }

    /** The strict threshold: a label scoring strictly below it is flagged on its own. */
    public double threshold() {
        return strict;
    }

    /** The burst threshold: labels below it count towards an instance's burst of NXDOMAIN answers. */
    public double burstThreshold() {
        return burst;
    }

    /** The registrable label of a DNS name ({@code null} when the name has no ICANN public suffix). */
    public static String label(String name) {
        String n = DomainMatcher.normalise(name);
        if (n == null) {
            return null;
        }
        try {
            InternetDomainName d = InternetDomainName.from(n);
            if (!d.isUnderRegistrySuffix()) {
                return null;
            }
            return d.topDomainUnderRegistrySuffix().parts().get(0);
        } catch (IllegalArgumentException | IllegalStateException e) {
            return null;
        }
    }

    /**
     * Log-likelihood ratio of {@code label} under the benign model against random characters, summed over its
     * characters (natural log; higher is more benign-like, 0 is indifferent).
     */
    public double scoreLabel(String label) {
        double sum = 0;
        for (String piece : pieces(label)) {
            int[] s = encode(piece);
            for (int i = 2; i < s.length; i++) {
                sum += logProb[(s[i - 2] * N + s[i - 1]) * N + s[i]];
            }
        }
        return sum;
    }

    private static List<String> pieces(String label) {
        return Arrays.stream(label.split("-")).filter(p -> !p.isEmpty()).toList();
    }

    /**
     * Whether {@code name}'s registrable label is at least {@code minLength} (and {@value #MIN_STRICT_LENGTH})
     * characters long and below the strict threshold.
     */
    public boolean isDga(String name, int minLength) {
        return below(name, Math.max(minLength, MIN_STRICT_LENGTH), strict);
    }

    /** Whether {@code name}'s registrable label is at least {@code minLength} long and below the burst threshold. */
    public boolean isBurstCandidate(String name, int minLength) {
        return below(name, minLength, burst);
    }

    private boolean below(String name, int minLength, double threshold) {
        String l = label(name);
        return l != null && l.length() >= minLength && scoreLabel(l) < threshold;
    }

    /** The split a benign label belongs to (a stable hash of the label). */
    public static Split split(String label) {
        int bucket = Math.floorMod(label.hashCode() * 0x9E3779B1, 100);
        return bucket < 70 ? Split.TRAIN : bucket < 85 ? Split.CALIBRATION : Split.TEST;
    }

    /** The distinct registrable labels of the shipped popular names in {@code split}. */
    public static List<String> benignLabels(Split split) {
        Set<String> out = new LinkedHashSet<>();
        for (String n : PopularDomains.get().names()) {
            String l = label(n);
            if (l != null && split(l) == split) {
                out.add(l);
            }
        }
        return new ArrayList<>(out);
    }

    private static int[] encode(String label) {
        int[] seq = new int[label.length() + 3];
        seq[0] = 0;
        seq[1] = 0;
        for (int i = 0; i < label.length(); i++) {
            int c = ALPHABET.indexOf(label.charAt(i), 2);
            seq[i + 2] = c < 0 ? N - 1 : c;
        }
        seq[seq.length - 1] = 1;
        return seq;
    }
}
