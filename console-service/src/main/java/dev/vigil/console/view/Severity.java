package dev.vigil.console.view;

/**
 * GuardDuty's severity bands (ARCHITECTURE.md "Findings", GuardDuty's current scale): Low 1.0-3.9, Medium 4.0-6.9,
 * High 7.0-8.9, Critical 9.0-10.0. Each has a label shown as text and a CSS class for its colour, so colour is never
 * the only signal.
 */
public enum Severity {
    LOW("Low", 1.0, 4.0),
    MEDIUM("Medium", 4.0, 7.0),
    HIGH("High", 7.0, 9.0),
    CRITICAL("Critical", 9.0, 10.000001);

    private final String label;
    private final double min;
    private final double below;

    Severity(String label, double min, double below) {
        this.label = label;
        this.min = min;
        this.below = below;
    }

    /** The band of a severity value; values under 1.0 count as Low. */
    public static Severity of(double severity) {
        for (Severity s : values()) {
            if (severity < s.below) {
                return s;
            }
        }
        return CRITICAL;
    }

    /** The band named {@code name} (any case), or null for a blank or unknown name. */
    public static Severity named(String name) {
        for (Severity s : values()) {
            if (s.name().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return s;
            }
        }
        return null;
    }

    /** The text shown beside the colour: "Low", "Medium", "High", "Critical". */
    public String label() {
        return label;
    }

    /** The CSS class of the band's colour ({@code sev-low}, ...). */
    public String css() {
        return "sev-" + name().toLowerCase();
    }

    /** The lowest severity of the band (inclusive). */
    public double min() {
        return min;
    }

    /** The severity the band ends before (exclusive; just over 10.0 for Critical). */
    public double below() {
        return below;
    }
}
