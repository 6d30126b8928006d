package dev.vigil.detector.behavior;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.detector.rules.Hit;
import dev.vigil.events.Json;
import java.util.Collection;
import java.util.List;

/**
 * Builds GuardDuty's {@code service.detection.anomaly} block (API model shapes {@code Detection}, {@code Anomaly},
 * {@code AnomalyProfiles}, {@code AnomalyUnusual}, {@code AnomalyObject}, {@code Observations}):
 *
 * <pre>
 * {"anomaly": {
 *    "profiles": {"&lt;profile&gt;": {"&lt;feature&gt;": [{"profileType":"FREQUENCY","profileSubtype":"FREQUENT",
 *                                          "observations":{"text":[...],"number":[...]}}]}},
 *    "unusual":  {"behavior": {"&lt;profile&gt;": {"&lt;feature&gt;": {"profileType":"FREQUENCY",
 *                                          "profileSubtype":"UNSEEN","observations":{"text":[...]}}}}}}}
 * </pre>
 *
 * <p>{@code profiles} holds what was learned, {@code unusual} what departed from it. {@code profileSubtype} uses
 * GuardDuty's enum ({@code FREQUENT}, {@code INFREQUENT}, {@code UNSEEN}, {@code RARE}).
 */
public final class Anomaly {

    /** At most this many learned values are listed per feature (the finding stays small). */
    static final int MAX_LISTED = 20;

    private final String profile;
    private final ObjectNode profiles = Json.MAPPER.createObjectNode();
    private final ObjectNode behavior = Json.MAPPER.createObjectNode();

    /** An explanation about the profile named {@code profile} (e.g. {@code eni-1} or a principal ID). */
    public Anomaly(String profile) {
        this.profile = profile;
    }

    /** Adds a learned set of texts for {@code feature}. */
    public Anomaly learnedTexts(String feature, Collection<String> values) {
        ObjectNode o = object("FREQUENT");
        ArrayNode t = o.putObject("observations").putArray("text");
        values.stream().limit(MAX_LISTED).forEach(t::add);
        profiles.withObjectProperty(profile).withArrayProperty(feature).add(o);
        return this;
    }

    /** Adds learned numbers for {@code feature} (e.g. mean, standard deviation, samples). */
    public Anomaly learnedNumbers(String feature, double... numbers) {
        ObjectNode o = numbers(object("FREQUENT"), numbers);
        profiles.withObjectProperty(profile).withArrayProperty(feature).add(o);
        return this;
    }

    /** Adds an unusual (never seen) text for {@code feature}. */
    public Anomaly unseen(String feature, String value) {
        ObjectNode o = object("UNSEEN");
        o.putObject("observations").putArray("text").add(value);
        behavior.withObjectProperty(profile).set(feature, o);
        return this;
    }

    /** Adds an unusual (rare) number for {@code feature}. */
    public Anomaly rare(String feature, double... numbers) {
        ObjectNode o = numbers(object("RARE"), numbers);
        behavior.withObjectProperty(profile).set(feature, o);
        return this;
    }

    /** The {@code Detection} JSON. */
    public JsonNode detection() {
        ObjectNode d = Json.MAPPER.createObjectNode();
        ObjectNode a = d.putObject("anomaly");
        a.set("profiles", profiles);
        a.putObject("unusual").set("behavior", behavior);
        return d;
    }

    /**
     * The model declares {@code observations.number} a list of longs: each value goes there rounded, and when any is
     * not a whole number the exact values also go to {@code observations.text}.
     */
    private static ObjectNode numbers(ObjectNode o, double... numbers) {
        ObjectNode observations = o.putObject("observations");
        ArrayNode n = observations.putArray("number");
        boolean exact = true;
        for (double d : numbers) {
            n.add(Math.round(d));
            exact &= d == Math.rint(d);
        }
        if (!exact) {
            ArrayNode t = observations.putArray("text");
            for (double d : numbers) {
                t.add(Double.toString(d));
            }
        }
        return o;
    }

    private static ObjectNode object(String subtype) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("profileType", "FREQUENCY");
        o.put("profileSubtype", subtype);
        return o;
    }

    /** One finding of a behavioural rule: the hit and its explanation. */
    public record Result(Hit hit, JsonNode detection) {

        /** Convenience for a list of one. */
        public List<Result> asList() {
            return List.of(this);
        }
    }
}
