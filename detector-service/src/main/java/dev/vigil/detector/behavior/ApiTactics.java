package dev.vigil.detector.behavior;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The API -> tactic table of the {@code <Tactic>:IAMUser/AnomalousBehavior} family, read from the documented
 * resource {@code behavior/api-tactics.tsv} (its header cites the GuardDuty user guide). Exact names win over
 * prefixes ({@code Describe*}); an API in neither has no tactic and raises no AnomalousBehavior finding.
 */
public final class ApiTactics {

    private static final String RESOURCE = "/behavior/api-tactics.tsv";
    private final Map<String, String> exact = new LinkedHashMap<>();
    private final Map<String, String> prefixes = new LinkedHashMap<>();

    /** The shipped table. */
    public ApiTactics() {
        try (InputStream in = ApiTactics.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing");
            }
            int line = 0;
            for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList()) {
                line++;
                if (l.isBlank() || l.startsWith("#")) {
                    continue;
                }
                String[] parts = l.split("\t");
                if (parts.length != 2) {
                    throw new IllegalStateException(RESOURCE + " line " + line + ": expected 'api<TAB>tactic'");
                }
                if (parts[0].endsWith("*")) {
                    prefixes.put(parts[0].substring(0, parts[0].length() - 1), parts[1].trim());
                } else {
                    exact.put(parts[0], parts[1].trim());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE, e);
        }
    }

    /** The tactic of {@code eventName} ({@code Discovery}, {@code Persistence}, ...), if any. */
    public Optional<String> tactic(String eventName) {
        if (eventName == null) {
            return Optional.empty();
        }
        String t = exact.get(eventName);
        if (t != null) {
            return Optional.of(t);
        }
        return prefixes.entrySet().stream().filter(e -> eventName.startsWith(e.getKey())).map(Map.Entry::getValue)
                .findFirst();
    }
}
