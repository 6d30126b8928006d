package dev.vigil.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the ingest API ({@code vigil.ingest.*}); every one can be overridden by an environment variable. */
@ConfigMapping(prefix = "vigil.ingest")
public interface IngestConfig {

    /** Largest accepted body after decompression, bytes (default 32 MiB); larger gives HTTP 413. */
    @WithDefault("33554432")
    long maxBodyBytes();

    /** Most per-line errors listed in a response (the counts stay exact). */
    @WithDefault("100")
    int maxErrors();

    /** How long a request waits for the broker to acknowledge every record before answering 503. */
    @WithDefault("30s")
    Duration publishTimeout();

    /** How far in the future an event time may lie (clock skew) before the record is rejected. */
    @WithDefault("15m")
    Duration maxFutureSkew();

    /** Largest serialised size, bytes, of CloudTrail requestParameters/responseElements/additionalEventData kept. */
    @WithDefault("65536")
    int jsonFieldCapBytes();
}
