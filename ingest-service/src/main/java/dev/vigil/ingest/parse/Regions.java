package dev.vigil.ingest.parse;

/** Region-name checks for callers outside the parsers. */
public final class Regions {

    private Regions() {
    }

    /** Whether {@code region} is a region name as written in AWS logs (lower-case letters, digits, dashes). */
    public static boolean isRegion(String region) {
        try {
            Values.region("region", region);
            return true;
        } catch (Values.BadValue e) {
            return false;
        }
    }
}
