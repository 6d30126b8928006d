package dev.vigil.detector.behavior;

import com.google.common.net.InternetDomainName;
import dev.vigil.detector.threatintel.DomainMatcher;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A character-bigram language model of benign domain labels, used to recognise algorithmically generated domains
 * (Trojan:EC2/DGADomainRequest.B). The technique is the classic n-gram likelihood test of DGA detection (Yadav
 * et al., "Detecting algorithmically generated malicious domain names", IMC 2010, use bigram distributions;
 * Schiavoni et al., "Phoenix: DGA-based botnet tracking", DIMVA 2014, use n-gram normality scores).
 *
 * <p>The score of a name is the mean log probability per transition of its registrable label (the label left of
 * the ICANN public suffix: {@code google} for {@code www.google.co.uk}) over the alphabet {@code a-z 0-9 -} with
 * start/end markers; bigram estimates are interpolated with an add-one unigram model (Jelinek and Mercer, 1980;
 * weight {@value #LAMBDA}), so letters rare in benign names (q, x, z, j) weigh in even for unseen pairs. Low scores
 * are unlike the benign names.
 *
 * <p>Training happens at class load from the resource {@code behavior/benign-domains.txt}: each name goes by a
 * stable hash to the TRAIN (70%), CALIBRATION (15%) or TEST (15%) split; the model is trained on TRAIN only, and
 * the threshold is the {@value #CALIBRATION_FPR} quantile of the CALIBRATION scores (labels of at least
 * {@value #MIN_LENGTH} characters) (at most that share of held-out
 * benign names is flagged). TEST is left for the benchmark ({@code DgaBenchmarkTest}, figures in BENCHMARKS.md).
 */
public final class DgaModel {

    /** Weight of the bigram estimate against the (add-one) unigram one (Jelinek-Mercer interpolation). */
    static final double LAMBDA = 0.5;
    /** Share of held-out benign names allowed below the threshold. */
    static final double CALIBRATION_FPR = 0.05;
    /**
     * Calibration uses labels at least this long: shorter ones are never scored (the default of
     * {@code detector.behavior.dga.min-label-length}).
     */
    static final int MIN_LENGTH = 7;
    private static final String ALPHABET = "^$abcdefghijklmnopqrstuvwxyz0123456789-";
    private static final int N = ALPHABET.length();

    /** A split of the benign list. */
    public enum Split { TRAIN, CALIBRATION, TEST }

    private static final DgaModel DEFAULT = trainDefault();

    private final double[][] logProb = new double[N][N];
    private final double threshold;

    private DgaModel(List<String> train, List<String> calibration) {
        double[][] counts = new double[N][N];
        double[] unigram = new double[N];
        Arrays.fill(unigram, 1.0);
        for (String label : train) {
            for (String piece : pieces(label)) {
                int[] seq = encode(piece);
                for (int i = 1; i < seq.length; i++) {
                    counts[seq[i - 1]][seq[i]]++;
                    unigram[seq[i]]++;
                }
            }
        }
        double unigramTotal = Arrays.stream(unigram).sum();
        for (int a = 0; a < N; a++) {
            double total = Arrays.stream(counts[a]).sum();
            for (int b = 0; b < N; b++) {
                double bigram = total == 0 ? 0.0 : counts[a][b] / total;
                logProb[a][b] = Math.log(LAMBDA * bigram + (1 - LAMBDA) * unigram[b] / unigramTotal);
            }
        }
        double[] scores = calibration.stream().filter(l -> l.length() >= MIN_LENGTH).mapToDouble(this::scoreLabel)
                .sorted().toArray();
        int index = (int) Math.floor(CALIBRATION_FPR * scores.length);
        this.threshold = scores.length == 0 ? Double.NEGATIVE_INFINITY : scores[Math.min(index, scores.length - 1)];
    }

    /** The model trained on the shipped benign list. */
    public static DgaModel get() {
        return DEFAULT;
    }

    /** The decision threshold: labels scoring strictly below it are flagged. */
    public double threshold() {
        return threshold;
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
     * Mean log probability per transition of {@code label} (higher is more benign-like). Hyphen-separated words are
     * scored as separate sequences, so that {@code my-new-site} is judged by its words, not by its hyphens.
     */
    public double scoreLabel(String label) {
        double sum = 0;
        int transitions = 0;
        for (String piece : pieces(label)) {
            int[] seq = encode(piece);
            for (int i = 1; i < seq.length; i++) {
                sum += logProb[seq[i - 1]][seq[i]];
            }
            transitions += seq.length - 1;
        }
        return transitions == 0 ? 0.0 : sum / transitions;
    }

    private static List<String> pieces(String label) {
        return Arrays.stream(label.split("-")).filter(p -> !p.isEmpty()).toList();
    }

    /** Whether {@code name}'s registrable label is at least {@code minLength} long and scores below the threshold. */
    public boolean isDga(String name, int minLength) {
        String l = label(name);
        return l != null && l.length() >= minLength && scoreLabel(l) < threshold;
    }

    /** The split a benign name belongs to (a stable hash of the name). */
    public static Split split(String name) {
        int bucket = Math.floorMod(name.hashCode() * 0x9E3779B1, 100);
        return bucket < 70 ? Split.TRAIN : bucket < 85 ? Split.CALIBRATION : Split.TEST;
    }

    /** The shipped benign names (lower case, comments removed). */
    public static List<String> benignNames() {
        try (InputStream in = DgaModel.class.getResourceAsStream("/behavior/benign-domains.txt")) {
            if (in == null) {
                throw new IllegalStateException("resource behavior/benign-domains.txt is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::trim)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).map(l -> l.toLowerCase(Locale.ROOT)).toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read behavior/benign-domains.txt", e);
        }
    }

    /** The registrable labels of the benign names in {@code split}. */
    public static List<String> benignLabels(Split split) {
        List<String> out = new ArrayList<>();
        for (String n : benignNames()) {
            String l = label(n);
            if (l != null && split(n) == split) {
                out.add(l);
            }
        }
        return out;
    }

    private static DgaModel trainDefault() {
        return new DgaModel(benignLabels(Split.TRAIN), benignLabels(Split.CALIBRATION));
    }

    private static int[] encode(String label) {
        int[] seq = new int[label.length() + 2];
        seq[0] = 0;
        for (int i = 0; i < label.length(); i++) {
            int c = ALPHABET.indexOf(label.charAt(i), 2);
            seq[i + 1] = c < 0 ? N - 1 : c;
        }
        seq[seq.length - 1] = 1;
        return seq;
    }
}
