package dev.vigil.ingest.rest.dto;

import com.fasterxml.jackson.annotation.JsonProperty;

/** GuardDuty's error body: {@code {"message": "...", "__type": "BadRequestException"}}. */
public record ErrorBody(String message, @JsonProperty("__type") String type) {
}
