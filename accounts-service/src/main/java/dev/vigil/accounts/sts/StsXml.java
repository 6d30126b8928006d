package dev.vigil.accounts.sts;

import dev.vigil.web.sigv4.SigV4ErrorMapper;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** STS's Query-protocol answers (API version 2011-06-15), shaped as AWS writes them. */
final class StsXml {

    private StsXml() {
    }

    private static String x(String s) {
        return SigV4ErrorMapper.xml(s);
    }

    private static String metadata() {
        return "<ResponseMetadata><RequestId>" + UUID.randomUUID() + "</RequestId></ResponseMetadata>";
    }

    /** AssumeRoleWithWebIdentityResponse. */
    static String assumed(SecurityTokenService.Issued i) {
        var s = i.session();
        return "<AssumeRoleWithWebIdentityResponse xmlns=\"" + SigV4ErrorMapper.STS_NAMESPACE + "\">"
                + "<AssumeRoleWithWebIdentityResult>"
                + "<SubjectFromWebIdentityToken>" + x(s.subject()) + "</SubjectFromWebIdentityToken>"
                + "<Audience>" + x(i.audience()) + "</Audience>"
                + "<AssumedRoleUser><Arn>" + x(i.arn()) + "</Arn><AssumedRoleId>" + x(i.userId())
                + "</AssumedRoleId></AssumedRoleUser>"
                + "<Credentials><AccessKeyId>" + s.accessKeyId() + "</AccessKeyId><SecretAccessKey>"
                + x(s.secretAccessKey()) + "</SecretAccessKey><SessionToken>" + x(i.sessionToken())
                + "</SessionToken><Expiration>" + s.expiration().truncatedTo(ChronoUnit.SECONDS) + "</Expiration>"
                + "</Credentials><Provider>" + x(i.provider()) + "</Provider>"
                + "</AssumeRoleWithWebIdentityResult>" + metadata() + "</AssumeRoleWithWebIdentityResponse>";
    }

    /** GetCallerIdentityResponse. */
    static String callerIdentity(SecurityTokenService.CallerIdentity c) {
        return "<GetCallerIdentityResponse xmlns=\"" + SigV4ErrorMapper.STS_NAMESPACE + "\"><GetCallerIdentityResult>"
                + "<Arn>" + x(c.arn()) + "</Arn><UserId>" + x(c.userId()) + "</UserId><Account>" + c.account()
                + "</Account></GetCallerIdentityResult>" + metadata() + "</GetCallerIdentityResponse>";
    }

    /** The ErrorResponse of {@code e}. */
    static String error(StsError e) {
        return SigV4ErrorMapper.queryError(e.code(), e.getMessage());
    }

    /** An instant as STS writes it. */
    static String time(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
