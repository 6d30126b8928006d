package dev.vigil.accounts.sts;

import dev.vigil.events.AccessKeyState;
import dev.vigil.web.Caller;
import dev.vigil.web.sigv4.SessionTokens;
import dev.vigil.web.sigv4.SigV4Config;
import dev.vigil.web.sigv4.SigV4IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Vigil's STS (Keycloak stays the identity provider): AssumeRoleWithWebIdentity exchanges a Keycloak access token
 * for temporary SigV4 credentials whose session token is sealed with the stack key ({@link SessionTokens}), so every
 * service verifies them without a lookup; GetCallerIdentity says who signed a request. Limits, as AWS's STS API
 * reference states them: {@code DurationSeconds} 900 to 43200 (default 3600), {@code RoleSessionName} 2 to 64
 * characters of {@code [\w+=,.@-]}; Vigil then caps the lifetime at {@code vigil.sts.max-session-duration} and at
 * the token's own expiry. The credentials carry the token's principal, account and realm roles, whatever role is
 * named: the role ARN must be in the principal's account and only names the session.
 */
@ApplicationScoped
public class SecurityTokenService {

    static final Pattern ROLE_ARN = Pattern.compile("arn:aws:iam::(\\d{12}):role/(?:[\\w+=,.@-]+/)*([\\w+=,.@-]{1,64})");
    static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");

    /**
     * Fresh credentials and what the answer says about them.
     *
     * @param session      the sealed session, secret included
     * @param sessionToken the session token
     * @param arn          the assumed-role ARN
     * @param userId       the assumed-role ID ({@code AROA...:session})
     * @param audience     the token's client
     * @param provider     the token's issuer
     */
    public record Issued(SessionTokens.Session session, String sessionToken, String arn, String userId, String audience,
            String provider) {
    }

    /** GetCallerIdentity's answer. */
    public record CallerIdentity(String account, String arn, String userId) {
    }

    private final WebIdentityVerifier verifier;
    private final Optional<SessionTokens> tokens;
    private final Duration maxSession;
    private final Clock clock;

    /** Creates the service. */
    public SecurityTokenService(WebIdentityVerifier verifier, SigV4Config sigv4,
            @ConfigProperty(name = "vigil.sts.max-session-duration", defaultValue = "PT1H") Duration maxSession) {
        this.verifier = verifier;
        this.tokens = sigv4.stackKey().filter(k -> !k.isBlank()).map(SessionTokens::fromBase64);
        this.maxSession = maxSession;
        this.clock = Clock.systemUTC();
    }

    /**
     * AssumeRoleWithWebIdentity with the request's parameters.
     *
     * @return a failed Uni with an {@link StsError} for bad parameters or a refused token
     */
    public Uni<Issued> assumeRoleWithWebIdentity(Map<String, String> params) {
        String token = required(params, "WebIdentityToken");
        String roleArn = required(params, "RoleArn");
        String sessionName = required(params, "RoleSessionName");
        Matcher role = ROLE_ARN.matcher(roleArn);
        if (!role.matches()) {
            throw StsError.validation("1 validation error detected: Value at 'roleArn' failed to satisfy constraint: "
                    + "it must be an IAM role ARN, arn:aws:iam::<12-digit account>:role/<name>");
        }
        if (!SESSION_NAME.matcher(sessionName).matches()) {
            throw StsError.validation("1 validation error detected: Value at 'roleSessionName' failed to satisfy "
                    + "constraint: Member must have length between 2 and 64 and match pattern [\\w+=,.@-]*");
        }
        long duration = duration(params.get("DurationSeconds"));
        SessionTokens sealer = tokens.orElseThrow(() -> new StsError(503, "ServiceUnavailable",
                "Vigil's STS has no stack key configured (vigil.sigv4.stack-key)."));
        return verifier.verify(token)
                .onFailure().transform(e -> new StsError(400, "InvalidIdentityToken", "Couldn't verify the web identity "
                        + "token: it is not a valid, unexpired access token of this stack's identity provider."))
                .map(identity -> issue(sealer, identity, role, roleArn, sessionName, duration));
    }

    private Issued issue(SessionTokens sealer, WebIdentity identity, Matcher role, String roleArn, String sessionName,
            long duration) {
        if (identity.accountId() == null) {
            throw new StsError(403, "AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity: the "
                    + "token's principal names no account.");
        }
        if (!role.group(1).equals(identity.accountId())) {
            throw new StsError(403, "AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity: the role "
                    + "is not in the principal's account.");
        }
        Instant now = clock.instant();
        Instant expires = min(min(now.plusSeconds(duration), now.plus(maxSession)), identity.expiresAt());
        if (!expires.isAfter(now)) {
            throw new StsError(400, "ExpiredTokenException", "Token expired: the web identity token is past its expiry.");
        }
        SessionTokens.Session session = new SessionTokens.Session(SessionTokens.newAccessKeyId(),
                SessionTokens.newSecret(), identity.principal(), identity.subject(), identity.accountId(),
                identity.roles(), roleArn, sessionName, expires);
        return new Issued(session, sealer.seal(session), arn(identity.accountId(), role.group(2), sessionName),
                roleId(roleArn) + ":" + sessionName, identity.audience(), identity.issuer());
    }

    /**
     * GetCallerIdentity for the authenticated {@code identity}: a SigV4 session is its assumed role; a long-lived
     * access key its principal as an IAM user ({@code arn:aws:iam::<account>:user/<name>}, user ID {@code AIDA...});
     * a bearer token its principal as a federated user of its account.
     *
     * @throws StsError 403 MissingAuthenticationToken when anonymous, AccessDenied without an account
     */
    public CallerIdentity callerIdentity(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            throw new StsError(403, "MissingAuthenticationToken", "Request is missing Authentication Token");
        }
        Object attribute = identity.getAttribute(SigV4IdentityProvider.SESSION);
        if (attribute instanceof SessionTokens.Session s) {
            Matcher role = ROLE_ARN.matcher(s.roleArn());
            String roleName = role.matches() ? role.group(2) : "vigil";
            return new CallerIdentity(s.accountId(), arn(s.accountId(), roleName, s.sessionName()),
                    roleId(s.roleArn()) + ":" + s.sessionName());
        }
        if (identity.getAttribute(SigV4IdentityProvider.LONG_LIVED_KEY) instanceof AccessKeyState k) {
            String arn = "arn:aws:iam::" + k.accountId() + ":user/" + k.userName();
            return new CallerIdentity(k.accountId(), arn, stableId("AIDA", arn));
        }
        Caller caller = Caller.of(identity);
        String account = caller.account().orElseThrow(() -> new StsError(403, "AccessDenied",
                "The caller's identity names no account."));
        return new CallerIdentity(account, "arn:aws:sts::" + account + ":federated-user/" + caller.name(),
                account + ":" + caller.name());
    }

    static String arn(String account, String roleName, String sessionName) {
        return "arn:aws:sts::" + account + ":assumed-role/" + roleName + "/" + sessionName;
    }

    /** A stable role ID for {@code roleArn}, shaped like AWS's ({@code AROA} + 17 characters). */
    static String roleId(String roleArn) {
        return stableId("AROA", roleArn);
    }

    /** A stable unique ID for {@code arn}: {@code prefix} ({@code AROA} role, {@code AIDA} user) + 17 characters. */
    static String stableId(String prefix, String arn) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(arn.getBytes(StandardCharsets.UTF_8));
            return prefix + HexFormat.of().withUpperCase().formatHex(h).substring(0, 17);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long duration(String value) {
        if (value == null || value.isBlank()) {
            return 3600;
        }
        try {
            long d = Long.parseLong(value.trim());
            if (d >= 900 && d <= 43200) {
                return d;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw StsError.validation("1 validation error detected: Value at 'durationSeconds' failed to satisfy "
                + "constraint: Member must have value between 900 and 43200");
    }

    private static String required(Map<String, String> params, String name) {
        String v = params.get(name);
        if (v == null || v.isBlank()) {
            throw new StsError(400, "MissingParameter", "The request must contain the parameter " + name + ".");
        }
        return v;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
