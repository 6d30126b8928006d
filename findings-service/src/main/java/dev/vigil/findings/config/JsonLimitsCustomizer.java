package dev.vigil.findings.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.events.JsonLimits;
import dev.vigil.findings.service.Requests;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Applies {@link JsonLimits} to the ObjectMapper that reads request bodies: nesting depth, string, number and name
 * lengths, and JSON documents of at most {@link Requests#MAX_JSON_BYTES}. Resources here read bodies as text and parse them with
 * {@link Requests} (the same limits); this covers any body Quarkus binds itself.
 */
@Singleton
public class JsonLimitsCustomizer implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        JsonLimits.limit(mapper, Requests.MAX_JSON_BYTES);
    }
}
