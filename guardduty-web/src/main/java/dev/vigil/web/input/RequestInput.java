package dev.vigil.web.input;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import dev.vigil.events.JsonLimits;
import dev.vigil.web.GuardDutyException;
import dev.vigil.web.JsonLimitsCustomizer;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * The rules every member of every request obeys, checked at the edge before any resource code runs (issue 23,
 * defect 4): the request body is I-JSON (RFC 7493) and carries no NUL character.
 * <ul>
 *   <li>text (member names, string values, path and query parameters): no U+0000 (PostgreSQL's {@code text} cannot
 *       hold it) and no unpaired surrogate (not Unicode, RFC 7493 section 2.1);</li>
 *   <li>numbers: finite and within [-(2^53-1), 2^53-1] ({@link #MAX_SAFE_INTEGER}), the range RFC 7493 section 2.2
 *       allows for interoperable integers. GuardDuty's numeric members (epoch-millisecond timestamps, counts,
 *       severities) all fit; 2^53 ms is the year 287,396, inside PostgreSQL's timestamp range.</li>
 * </ul>
 * A violation is 400 {@code BadRequestException} naming the member ({@code findingCriteria.criterion.updatedAt.gte},
 * {@code tags.owner}, {@code accountDetails[0].email}) or the parameter.
 */
public final class RequestInput {

    /** Largest magnitude of a number in a request: 2^53 - 1 (RFC 7493 section 2.2). */
    public static final long MAX_SAFE_INTEGER = 9_007_199_254_740_991L;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(JsonLimits.constraints(JsonLimitsCustomizer.MAX_JSON_BYTES)).build();

    private RequestInput() {
    }

    /** What is wrong with text {@code value} of {@code what} (e.g. "member 'name'"), or {@code null}. */
    public static String textProblem(String what, String value) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0) {
                return "The request is rejected because " + what + " contains a NUL character.";
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "The request is rejected because " + what + " is not valid Unicode (an unpaired surrogate).";
            }
        }
        return null;
    }

    /** Whether {@code n} is a number a request may carry ({@link #MAX_SAFE_INTEGER}). */
    public static boolean inRange(double n) {
        return Double.isFinite(n) && Math.abs(n) <= MAX_SAFE_INTEGER;
    }

    /**
     * Checks every member name, string and number of the JSON document {@code body}.
     *
     * @throws GuardDutyException 400 naming the first member at fault; 400/413 for a document that is not JSON or
     *         breaks a limit ({@link GuardDutyException#invalidJson})
     */
    public static void checkJson(byte[] body) {
        try (JsonParser p = FACTORY.createParser(body)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                String problem = switch (t) {
                    case FIELD_NAME -> textProblem("a member name in '" + path(p.getParsingContext().getParent()) + "'",
                            p.currentName());
                    case VALUE_STRING -> textProblem("member '" + path(p.getParsingContext()) + "'", p.getText());
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> number(p);
                    default -> null;
                };
                if (problem != null) {
                    throw GuardDutyException.badRequest(problem);
                }
            }
        } catch (JsonProcessingException e) {
            throw GuardDutyException.invalidJson(e);
        } catch (IOException e) {
            throw GuardDutyException.badRequest("The request body could not be read.");
        }
    }

    private static String number(JsonParser p) throws IOException {
        boolean ok = switch (p.getNumberType()) {
            case INT -> true;
            case LONG -> Math.abs(p.getLongValue()) <= MAX_SAFE_INTEGER;
            case BIG_INTEGER -> false;
            default -> inRange(p.getDoubleValue()) && p.getDecimalValue().abs().compareTo(MAX) <= 0;
        };
        return ok ? null : "The request is rejected because member '" + path(p.getParsingContext())
                + "' is out of range: numbers must be between -" + MAX_SAFE_INTEGER + " and " + MAX_SAFE_INTEGER + ".";
    }

    private static final BigDecimal MAX = BigDecimal.valueOf(MAX_SAFE_INTEGER);

    /** {@code a.b[0].c} of the parser's position; the root is {@code (body)}. */
    static String path(JsonStreamContext ctx) {
        StringBuilder out = new StringBuilder();
        for (JsonStreamContext c = ctx; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                out.insert(0, "[" + Math.max(0, c.getCurrentIndex()) + "]");
            } else if (c.getCurrentName() != null) {
                out.insert(0, (c.getParent() != null && !c.getParent().inRoot() ? "." : "") + c.getCurrentName());
            }
        }
        return out.length() == 0 ? "(body)" : out.toString();
    }
}
