package dev.vigil.detector.behavior;

/**
 * Streaming mean and variance by Welford's algorithm (B. P. Welford, "Note on a method for calculating corrected
 * sums of squares and products", Technometrics 4(3), 1962; Knuth, TAOCP vol. 2, 3rd ed., section 4.2.2), which
 * is numerically stable in one pass and O(1) memory. A plain bean so that it serialises as JSON in a state store.
 */
public final class Welford {

    /** Samples seen. */
    public long n;
    /** Running mean. */
    public double mean;
    /** Running sum of squared differences from the mean. */
    public double m2;

    /** Adds one sample. */
    public void add(double x) {
        n++;
        double delta = x - mean;
        mean += delta / n;
        m2 += delta * (x - mean);
    }

    /** Sample standard deviation (0 with fewer than two samples). */
    public double stdDev() {
        return n < 2 ? 0.0 : Math.sqrt(m2 / (n - 1));
    }

    /** How many standard deviations {@code x} lies above the mean ({@code +inf} when the deviation is 0 and x > mean). */
    public double zScore(double x) {
        double sd = stdDev();
        if (sd == 0.0) {
            return x > mean ? Double.POSITIVE_INFINITY : 0.0;
        }
        return (x - mean) / sd;
    }
}
