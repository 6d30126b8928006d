package dev.vigil.ingest.parse;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.events.Json;
import dev.vigil.events.JsonLimits;

/**
 * The mapper the JSON log parsers read submitted bodies with: the contract's {@link Json#MAPPER} configuration plus
 * {@link JsonLimits} (nesting depth, string, number and name lengths), so a hostile body (10,000 {@code [}) is a
 * clear parse error. The document length is bounded before parsing by {@code vigil.ingest.max-body-bytes}
 * ({@code BodyReader}, 413), so it is not limited again here.
 */
public final class LogJson {

    /** A thread-safe mapper for submitted log bodies. */
    public static final ObjectMapper MAPPER = JsonLimits.limit(Json.MAPPER.copy(), -1);

    private LogJson() {
    }
}
