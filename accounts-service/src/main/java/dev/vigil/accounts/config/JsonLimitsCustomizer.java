package dev.vigil.accounts.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.events.JsonLimits;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Applies {@link JsonLimits} to the ObjectMapper that reads request bodies: nesting depth, string, number and name
 * lengths, and JSON documents of at most {@link #MAX_JSON_BYTES} (a larger one answers 413). GuardDuty's request
 * documents are a few KiB; the HTTP limit ({@code quarkus.http.limits.max-body-size}) is larger only for list files.
 */
@Singleton
public class JsonLimitsCustomizer implements ObjectMapperCustomizer {

    /** Largest JSON request document, bytes (1 MiB). */
    public static final long MAX_JSON_BYTES = 1_048_576;

    @Override
    public void customize(ObjectMapper mapper) {
        JsonLimits.limit(mapper, MAX_JSON_BYTES);
    }
}
