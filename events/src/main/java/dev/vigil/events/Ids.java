package dev.vigil.events;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Strict formats of the IDs the APIs take, in paths and bodies: detector, finding, IPSet, ThreatIntelSet,
 * publishing-destination and invitation IDs are 32 lowercase hex characters (the shape of GuardDuty's IDs, and what
 * Vigil generates); account IDs are 12 digits ({@link Keys#isAccountId}).
 */
public final class Ids {

    /** A GuardDuty-style resource ID: 32 lowercase hex characters. */
    public static final Pattern HEX32 = Pattern.compile("^[0-9a-f]{32}$");

    /** Path or member names whose values are 32-hex IDs. */
    private static final Map<String, Boolean> HEX_NAMES = Map.of("detectorId", true, "findingId", true,
            "ipSetId", true, "threatIntelSetId", true, "destinationId", true, "invitationId", true);

    private Ids() {
    }

    /** Whether {@code id} is 32 lowercase hex characters. */
    public static boolean isHex32(String id) {
        return id != null && HEX32.matcher(id).matches();
    }

    /**
     * What is wrong with the value of the parameter or member {@code name}, in GuardDuty's wording, or {@code null}
     * when it is well formed or {@code name} is not an ID this class knows.
     */
    public static String problem(String name, String value) {
        if (HEX_NAMES.containsKey(name)) {
            return isHex32(value) ? null
                    : "The request is rejected because the " + name + " is not 32 lowercase hexadecimal characters.";
        }
        if ("accountId".equals(name) || "administratorId".equals(name) || "masterId".equals(name)) {
            return Keys.isAccountId(value) ? null
                    : "The request is rejected because the " + name + " is not a 12-digit account ID.";
        }
        return null;
    }

    /** The first {@link #problem} among {@code parameters} (name to values, e.g. a request's path parameters), or null. */
    public static String firstProblem(Map<String, ? extends List<String>> parameters) {
        for (Map.Entry<String, ? extends List<String>> p : parameters.entrySet()) {
            for (String value : p.getValue()) {
                String problem = problem(p.getKey(), value);
                if (problem != null) {
                    return problem;
                }
            }
        }
        return null;
    }
}
