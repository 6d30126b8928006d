package dev.vigil.events;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.stream.Collectors;

/**
 * Limits on JSON that Vigil reads from outside (API request bodies, submitted logs), as Jackson
 * {@link StreamReadConstraints}, and error messages about such JSON that name no Java class.
 *
 * <p>Numbers: GuardDuty's request documents nest 5 levels at most (FindingCriteria, tags) and CloudTrail events about
 * 10 (requestParameters of some services), so {@value #MAX_NESTING_DEPTH} levels leave ample room while a body of
 * 10,000 {@code [} stops at once (Jackson's own default is 1,000, deep enough to cost a recursive reader its stack).
 * A CloudTrail event is at most 256 KiB (CloudTrail quotas), so no string exceeds {@value #MAX_STRING_LENGTH}
 * characters; numbers longer than {@value #MAX_NUMBER_LENGTH} digits and member names longer than
 * {@value #MAX_NAME_LENGTH} characters are not data any of Vigil's formats carries.
 */
public final class JsonLimits {

    /** Deepest nesting of arrays and objects. */
    public static final int MAX_NESTING_DEPTH = 64;
    /** Longest string value, characters. */
    public static final int MAX_STRING_LENGTH = 1_048_576;
    /** Longest number, characters. */
    public static final int MAX_NUMBER_LENGTH = 100;
    /** Longest member name, characters. */
    public static final int MAX_NAME_LENGTH = 4096;

    private JsonLimits() {
    }

    /** The constraints for documents of at most {@code maxDocumentBytes} bytes (non-positive: unlimited). */
    public static StreamReadConstraints constraints(long maxDocumentBytes) {
        return StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxStringLength(MAX_STRING_LENGTH)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .maxNameLength(MAX_NAME_LENGTH)
                .maxDocumentLength(maxDocumentBytes > 0 ? maxDocumentBytes : -1)
                .build();
    }

    /** Applies {@link #constraints(long)} to {@code mapper}'s parser factory and returns it. */
    public static ObjectMapper limit(ObjectMapper mapper, long maxDocumentBytes) {
        mapper.getFactory().setStreamReadConstraints(constraints(maxDocumentBytes));
        return mapper;
    }

    /**
     * What is wrong with a JSON document, for its sender: the limit it broke, the member whose value has the wrong
     * type, or that it is not valid JSON, with its line and column when known; never a Java class, a parser setting
     * or an excerpt of the input.
     */
    public static String describe(JsonProcessingException e) {
        String msg = message(e);
        JsonLocation loc = e.getLocation();
        return loc == null || loc.getLineNr() < 1 || typeError(e) ? msg
                : msg + " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
    }

    /** {@link #describe(JsonProcessingException)} without the location. */
    public static String message(JsonProcessingException e) {
        if (typeError(e)) {
            String path = ((JsonMappingException) e).getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            return path.isEmpty() ? "the document does not have the expected shape"
                    : "member '" + path + "' is missing or has a value of the wrong type";
        }
        Throwable source = e.getCause() instanceof StreamConstraintsException c ? c : e;
        if (!(source instanceof StreamConstraintsException)) {
            // a syntax error: Jackson's wording names its features ("Feature 'ALLOW_COMMENTS' not enabled") and
            // echoes the input, so only the fact and the location (added by describe) are told
            return "the document is not valid JSON";
        }
        String msg = ((JsonProcessingException) source).getOriginalMessage();
        msg = msg == null ? "invalid JSON" : msg;
        int nl = msg.indexOf('\n');
        msg = (nl >= 0 ? msg.substring(0, nl) : msg)
                // Jackson names its settings (", from `StreamReadConstraints.getMaxNestingDepth()`") and types
                .replaceAll(",? *(from|use) `[^`]*`[^)]*", "")
                .replaceAll("`[A-Za-z_$][\\w$]*(\\.[\\w$]+)+(\\[\\])?`", "a value");
        return msg.length() > 200 ? msg.substring(0, 200) + "..." : msg;
    }

    /** A document that parsed but does not fit the target type (not a syntax error or a broken limit). */
    private static boolean typeError(JsonProcessingException e) {
        return e instanceof JsonMappingException && !(e.getCause() instanceof StreamConstraintsException);
    }
}
