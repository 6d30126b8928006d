package dev.vigil.accounts.sts;

import java.time.Instant;
import java.util.List;

/**
 * A verified Keycloak access token, as AssumeRoleWithWebIdentity needs it.
 *
 * @param principal the principal's name (as a bearer request's identity has it)
 * @param subject   the token's {@code sub}
 * @param accountId the {@code account_id} claim (12 digits), or {@code null}
 * @param roles     realm roles
 * @param expiresAt the token's {@code exp}
 * @param issuer    the token's {@code iss}
 * @param audience  the token's {@code azp} (the client it was issued to)
 */
public record WebIdentity(String principal, String subject, String accountId, List<String> roles, Instant expiresAt,
        String issuer, String audience) {
}
