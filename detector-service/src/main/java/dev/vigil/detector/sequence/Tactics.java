package dev.vigil.detector.sequence;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * MITRE ATT&amp;CK Enterprise tactics (<a href="https://attack.mitre.org/tactics/enterprise/">attack.mitre.org</a>)
 * in kill-chain order, and the tactic of a GuardDuty finding type from its threat purpose (the part before the
 * colon, GuardDuty user guide "Finding format"). Tactic names are ATT&amp;CK's display names.
 */
public final class Tactics {

    /** Enterprise tactics in the order ATT&amp;CK lists them (the order of an intrusion). */
    public static final List<String> ORDER = List.of("Reconnaissance", "Resource Development", "Initial Access",
            "Execution", "Persistence", "Privilege Escalation", "Defense Evasion", "Credential Access", "Discovery",
            "Lateral Movement", "Collection", "Command and Control", "Exfiltration", "Impact");

    /** GuardDuty's CamelCase tactic names (finding types, {@code api-tactics.tsv}) to ATT&amp;CK's. */
    private static final Map<String, String> BY_GUARDDUTY_NAME = Map.ofEntries(
            Map.entry("InitialAccess", "Initial Access"), Map.entry("Execution", "Execution"),
            Map.entry("Persistence", "Persistence"), Map.entry("PrivilegeEscalation", "Privilege Escalation"),
            Map.entry("DefenseEvasion", "Defense Evasion"), Map.entry("Stealth", "Defense Evasion"),
            Map.entry("CredentialAccess", "Credential Access"), Map.entry("Discovery", "Discovery"),
            Map.entry("Recon", "Discovery"), Map.entry("Collection", "Collection"),
            Map.entry("Exfiltration", "Exfiltration"), Map.entry("Impact", "Impact"),
            Map.entry("UnauthorizedAccess", "Initial Access"), Map.entry("PenTest", "Initial Access"),
            Map.entry("Backdoor", "Command and Control"), Map.entry("Trojan", "Command and Control"),
            Map.entry("CryptoCurrency", "Impact"));

    private Tactics() {
    }

    /** ATT&amp;CK's name for GuardDuty's CamelCase tactic or threat purpose; {@code null} if it has none. */
    public static String of(String guardDutyName) {
        return guardDutyName == null ? null : BY_GUARDDUTY_NAME.get(guardDutyName);
    }

    /**
     * The tactic of finding type {@code type}: its threat purpose mapped by {@link #of}, except where the type says
     * more (instance credentials used elsewhere are Credential Access; Tor from an instance is Command and Control).
     * {@code Policy} and {@code Behavior} types have none: they describe configuration or a deviation, not a step.
     */
    public static String ofFindingType(String type) {
        if (type == null || type.indexOf(':') < 0) {
            return null;
        }
        if (type.contains("InstanceCredentialExfiltration")) {
            return "Credential Access";
        }
        if (type.startsWith("UnauthorizedAccess:EC2/Tor")) {
            return "Command and Control";
        }
        return of(type.substring(0, type.indexOf(':')));
    }

    /** The position of {@code tactic} in {@link #ORDER} (unknown names last). */
    public static int rank(String tactic) {
        int i = ORDER.indexOf(tactic);
        return i < 0 ? ORDER.size() : i;
    }

    /** The threat purpose of a finding type, lower case ({@code unauthorizedaccess}), or empty. */
    static String purpose(String type) {
        return type == null || type.indexOf(':') < 0 ? "" : type.substring(0, type.indexOf(':')).toLowerCase(Locale.ROOT);
    }
}
