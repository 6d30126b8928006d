package dev.vigil.ingest.rest.dto;

import dev.vigil.ingest.parse.LineError;
import dev.vigil.ingest.service.IngestResult;
import java.util.List;

/**
 * The answer to a submission (HTTP 200): exact counts of accepted (published and acknowledged by Kafka), rejected
 * (per-line errors) and skipped (CloudTrail Insights events and digest files) lines or elements, and the first
 * errors (at most {@code vigil.ingest.max-errors}), each with its 1-based {@code line} or 0-based {@code index}.
 */
public record IngestResponse(long accepted, long rejected, long skipped, List<LineError> errors) {

    /** The answer for {@code result}. */
    public static IngestResponse of(IngestResult result) {
        return new IngestResponse(result.accepted(), result.rejected(), result.skipped(), result.errors());
    }
}
