package dev.vigil.ingest.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * Ingest metrics (Prometheus names): {@code vigil_ingest_records_total{source, outcome=accepted|rejected|skipped}}
 * and the request-latency histogram {@code vigil_ingest_request_seconds{source, result=ok|bad_request|unavailable}}.
 */
final class IngestMetrics {

    private final MeterRegistry registry;

    IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void records(Source source, long accepted, long rejected, long skipped) {
        counter(source, "accepted").increment(accepted);
        counter(source, "rejected").increment(rejected);
        counter(source, "skipped").increment(skipped);
    }

    void request(Source source, long startedNanos, String result) {
        Timer.builder("vigil.ingest.request").description("ingest request latency, body read excluded")
                .tag("source", source.tag).tag("result", result).publishPercentileHistogram()
                .register(registry).record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
    }

    private Counter counter(Source source, String outcome) {
        return Counter.builder("vigil.ingest.records").description("log records by outcome")
                .tag("source", source.tag).tag("outcome", outcome).register(registry);
    }
}
