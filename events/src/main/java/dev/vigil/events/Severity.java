package dev.vigil.events;

/**
 * GuardDuty's severity levels and their numeric bands (current scale, as in the GuardDuty user guide's
 * "Severity levels for GuardDuty findings"): LOW 1.0-3.9, MEDIUM 4.0-6.9, HIGH 7.0-8.9, CRITICAL 9.0-10.0.
 */
public enum Severity {
    LOW(1.0), MEDIUM(4.0), HIGH(7.0), CRITICAL(9.0);

    private final double lowerBound;

    Severity(double lowerBound) {
        this.lowerBound = lowerBound;
    }

    /** The lowest score of this level. */
    public double lowerBound() {
        return lowerBound;
    }

    /**
     * The level of a score.
     *
     * @throws IllegalArgumentException if {@code score} is outside 1.0 to 10.0
     */
    public static Severity of(double score) {
        if (score < 1.0 || score > 10.0 || Double.isNaN(score)) {
            throw new IllegalArgumentException("severity must be between 1.0 and 10.0: " + score);
        }
        if (score >= CRITICAL.lowerBound) {
            return CRITICAL;
        }
        if (score >= HIGH.lowerBound) {
            return HIGH;
        }
        return score >= MEDIUM.lowerBound ? MEDIUM : LOW;
    }
}
