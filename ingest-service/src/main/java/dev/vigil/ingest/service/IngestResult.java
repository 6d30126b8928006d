package dev.vigil.ingest.service;

import dev.vigil.ingest.parse.LineError;
import java.util.List;

/**
 * What one submission did: exact counts of accepted (published and acknowledged by Kafka), rejected (per-line
 * errors) and skipped (CloudTrail Insights events and digest files) lines or elements, and the first errors (at most
 * {@code vigil.ingest.max-errors}).
 */
public record IngestResult(long accepted, long rejected, long skipped, List<LineError> errors) {
}
