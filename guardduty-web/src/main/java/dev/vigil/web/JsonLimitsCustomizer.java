package dev.vigil.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.events.JsonLimits;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Applies {@link JsonLimits} to the ObjectMapper that reads request bodies: nesting depth, string, number and name
 * lengths, and documents of at most {@link #MAX_JSON_BYTES} (a larger one answers 413). GuardDuty's request documents
 * are a few KiB; a service's HTTP limit ({@code quarkus.http.limits.max-body-size}) may be larger for files. Services
 * that parse a body themselves use {@link #limit(ObjectMapper)} on their mapper, so every request document of every
 * service is read under the same rules (and a rule on request members, such as refusing NUL characters, is added
 * here once).
 */
@Singleton
public class JsonLimitsCustomizer implements ObjectMapperCustomizer {

    /** Largest JSON request document, bytes (1 MiB). */
    public static final long MAX_JSON_BYTES = 1_048_576;

    /** Applies the request limits to {@code mapper} and returns it. */
    public static ObjectMapper limit(ObjectMapper mapper) {
        return JsonLimits.limit(mapper, MAX_JSON_BYTES);
    }

    @Override
    public void customize(ObjectMapper mapper) {
        limit(mapper);
    }
}
