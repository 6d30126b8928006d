package dev.vigil.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.logging.Logger;

/**
 * The consumers' check that a record belongs to the account its key names ({@link Keys}: {@code accountId/...} on
 * the log topics, the bare account ID on the state and usage topics). A record that fails it was written by a
 * faulty or hostile producer; consumers drop it, and this guard counts it in
 * {@code vigil_kafka_key_mismatch_total{topic}} and logs a warning naming the topic and both accounts, never the
 * payload.
 */
public final class KeyGuard {

    /** The Micrometer counter of dropped records, tagged {@code topic}. */
    public static final String METRIC = "vigil.kafka.key.mismatch";

    private static final Logger LOG = Logger.getLogger(KeyGuard.class.getName());

    private final MeterRegistry registry;

    /** A guard counting into {@code registry}. */
    public KeyGuard(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Whether a record of {@code topic} with {@code key} that names account {@code recordAccount} may be processed;
     * when not, it is counted and logged.
     */
    public boolean accept(String topic, String key, String recordAccount) {
        if (Keys.keyNames(key, recordAccount)) {
            return true;
        }
        return drop(topic, "its key names account " + shorten(key) + " but the record names " + shorten(recordAccount));
    }

    /**
     * Whether a finding candidate (topic {@link Topics#FINDINGS_CANDIDATES}, key = finding ID) may be processed: its
     * key is its finding's ID and the finding's ARN, when it has one, names the finding's account. When not, it is
     * counted and logged.
     */
    public boolean acceptCandidate(String key, FindingCandidate candidate) {
        Finding f = candidate == null ? null : candidate.finding();
        if (f == null || key == null || !key.equals(f.id())) {
            return drop(Topics.FINDINGS_CANDIDATES, "its key is not its finding's ID");
        }
        if (f.arn() != null) {
            String[] arn = f.arn().split(":", 6);
            if (arn.length < 6 || !arn[4].equals(f.accountId())) {
                return drop(Topics.FINDINGS_CANDIDATES, "its finding's ARN names another account than "
                        + shorten(f.accountId()));
            }
        }
        return true;
    }

    private boolean drop(String topic, String why) {
        counter(topic).increment();
        LOG.warning(String.format("dropped a record of %s: %s", topic, why));
        return false;
    }

    /** How many records of {@code topic} this guard's registry counted as dropped. */
    public double dropped(String topic) {
        return counter(topic).count();
    }

    private Counter counter(String topic) {
        return Counter.builder(METRIC).tag("topic", topic)
                .description("records dropped because their account does not match their key").register(registry);
    }

    /** The account part of a key (or the value itself), cut at 40 characters: what the log may show. */
    private static String shorten(String value) {
        if (value == null) {
            return "(none)";
        }
        int slash = value.indexOf('/');
        String v = slash >= 0 ? value.substring(0, slash) : value;
        return v.length() > 40 ? v.substring(0, 40) + "..." : v;
    }
}
