package dev.vigil.detector.resourcecreds;

import dev.vigil.detector.network.AwsIpRanges;
import dev.vigil.detector.rules.Blocks;
import dev.vigil.detector.rules.CloudTrailSignatures;
import dev.vigil.detector.rules.Hit;
import dev.vigil.detector.rules.Net;
import dev.vigil.detector.rules.Severities;
import dev.vigil.events.CloudTrailRecord;
import inet.ipaddr.IPAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code UnauthorizedAccess:IAMUser/ResourceCredentialExfiltration.OutsideAWS} (High; GuardDuty 2025: credentials
 * of a Lambda function or an ECS task used from outside AWS). A Lambda function's or ECS task's role session is
 * recognised by the {@code AssumeRole} event that created it: {@code userIdentity.type} {@code AWSService} with
 * {@code invokedBy} {@code lambda.amazonaws.com} (session named after the function) or
 * {@code ecs-tasks.amazonaws.com} (session named after the task). Its {@code assumedRoleId} is the principal ID of the
 * session's calls. A call of such a session from a public address outside AWS's published ranges
 * ({@link AwsIpRanges}: Lambda and Fargate/EC2 tasks always call from AWS addresses, directly or through a NAT
 * gateway) is the finding, until {@link #SESSION_LIFETIME} after the AssumeRole (the longest such credentials live).
 * The session's calls from inside AWS ({@link #insideAws}) go to the origin stage for
 * {@code ResourceCredentialExfiltration.InsideAWS} ({@code behavior.CloudTrailBehavior#resourceOrigin}).
 */
public final class ResourceSessions {

    static final String OUTSIDE_AWS = "UnauthorizedAccess:IAMUser/ResourceCredentialExfiltration.OutsideAWS";
    /** Lambda and ECS role credentials live at most 12 hours (IAM role maximum session duration). */
    static final Duration SESSION_LIFETIME = Duration.ofHours(12);
    private static final Map<String, String> SERVICES = Map.of("lambda.amazonaws.com", "Lambda function",
            "ecs-tasks.amazonaws.com", "ECS task");

    private final AwsIpRanges aws = AwsIpRanges.shipped();

    /** A resource session created by {@code AssumeRole}: what it is for and until when (UTC ms). */
    public record Session(String kind, String name, long expiresMs) {
    }

    /** The session that AssumeRole event {@code ct} created for a Lambda function or ECS task, keyed by its role ID. */
    public Optional<Map.Entry<String, Session>> session(CloudTrailRecord ct) {
        CloudTrailRecord.UserIdentity id = ct.userIdentity();
        if (!"AssumeRole".equals(ct.eventName()) || !"sts.amazonaws.com".equals(ct.eventSource()) || id == null
                || !"AWSService".equals(id.type()) || !SERVICES.containsKey(id.invokedBy())
                || !CloudTrailSignatures.succeeded(ct) || ct.responseElements() == null) {
            return Optional.empty();
        }
        String roleId = ct.responseElements().path("assumedRoleUser").path("assumedRoleId").asText("");
        if (roleId.isEmpty()) {
            return Optional.empty();
        }
        String name = ct.requestParameters() == null ? roleId.substring(roleId.indexOf(':') + 1)
                : ct.requestParameters().path("roleSessionName").asText(roleId.substring(roleId.indexOf(':') + 1));
        return Optional.of(Map.entry(roleId, new Session(SERVICES.get(id.invokedBy()), name,
                ct.eventTimeMillis() + SESSION_LIFETIME.toMillis())));
    }

    /** Whether {@code ct} is a role-session call from a public address outside AWS (the calls worth judging). */
    public boolean fromOutsideAws(CloudTrailRecord ct) {
        if (ct.userIdentity() == null || !"AssumedRole".equals(ct.userIdentity().type())
                || ct.vpcEndpointId() != null && !ct.vpcEndpointId().isBlank()) {
            return false;
        }
        IPAddress ip = Net.parse(ct.sourceIPAddress());
        return ip != null && Net.isPublic(ip) && !aws.contains(ip);
    }

    /**
     * Whether {@code ct} is a role-session call from inside AWS: through a VPC endpoint, or from a public address in
     * AWS's published ranges. For a Lambda or ECS session these are judged by who owns the origin
     * ({@code behavior.CloudTrailBehavior#resourceOrigin}: ResourceCredentialExfiltration.InsideAWS).
     */
    public boolean insideAws(CloudTrailRecord ct) {
        if (ct.userIdentity() == null || !"AssumedRole".equals(ct.userIdentity().type())) {
            return false;
        }
        if (ct.vpcEndpointId() != null && !ct.vpcEndpointId().isBlank()) {
            return true;
        }
        IPAddress ip = Net.parse(ct.sourceIPAddress());
        return ip != null && Net.isPublic(ip) && aws.contains(ip);
    }

    /** Whether {@code session} was live at the time of call {@code ct}. */
    public boolean live(Session session, CloudTrailRecord ct) {
        return session != null && ct.eventTimeMillis() <= session.expiresMs();
    }

    /** The finding for call {@code ct} of {@code session}, or empty when the session had expired. */
    public Optional<Hit> judge(Session session, CloudTrailRecord ct) {
        long t = ct.eventTimeMillis();
        if (!live(session, ct)) {
            return Optional.empty();
        }
        String ip = Net.parse(ct.sourceIPAddress()).withoutPrefixLength().toCanonicalString();
        String d = "Credentials created exclusively for " + session.kind() + " " + session.name()
                + " are being used from external IP address " + ip + ".";
        return Optional.of(new Hit(OUTSIDE_AWS, Severities.of(OUTSIDE_AWS), "Credentials of " + session.kind() + " "
                + session.name() + " were used from a remote AWS account or outside AWS.", d,
                ct.principalId() + "|" + ip, CloudTrailSignatures.evidence(ct), Blocks.accessKey(ct),
                Blocks.apiCall(ct, Map.of()), Blocks.TARGET, List.of(), 1, t, t, null));
    }
}
