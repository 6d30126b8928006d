package dev.vigil.web.tags;

import java.util.Map;

/**
 * GuardDuty's shapes of the tag operations, shared by the services that own taggable resources (accounts-service:
 * detectors, IPSets, ThreatIntelSets, entity sets; findings-service: filters, publishing destinations). Member names
 * are the model's {@code locationName}s; {@code ResourceArn} is a path parameter and {@code TagKeys} the repeated
 * query parameter {@code tagKeys}. TagResourceRequest's body, {@code {"tags": {key: value}}}, is read by
 * {@link TagOperations} as JSON.
 */
public final class TagDtos {

    private TagDtos() {
    }

    /** ListTagsForResourceResponse: {@code {"tags": {key: value}}}, empty when the resource has none. */
    public record ListTagsForResourceResponse(Map<String, String> tags) {
    }
}
