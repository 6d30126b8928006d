package dev.vigil.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A finding published for export on {@link Topics#FINDINGS_EVENTS}, shaped like the Amazon EventBridge event that
 * GuardDuty emits (<a href="https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_findings_eventbridge.html">
 * GuardDuty and EventBridge</a>): {@code detail-type} "GuardDuty Finding", {@code source} "aws.guardduty",
 * {@code detail} the finding.
 *
 * @param time ISO-8601 UTC
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FindingEvent(
        String version,
        String id,
        @JsonProperty("detail-type") String detailType,
        String source,
        String account,
        String time,
        String region,
        List<String> resources,
        Finding detail) {

    /** EventBridge's {@code detail-type} for findings. */
    public static final String DETAIL_TYPE = "GuardDuty Finding";
    /** EventBridge's {@code source} for findings. */
    public static final String SOURCE = "aws.guardduty";
}
