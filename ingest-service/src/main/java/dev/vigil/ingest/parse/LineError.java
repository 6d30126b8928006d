package dev.vigil.ingest.parse;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Why one line or element of a submitted body was not accepted. Exactly one of {@code line} (1-based) and
 * {@code index} (0-based) is set. The reason names the field and the offending value, never a class name.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LineError(Long line, Long index, String reason) {
}
