package dev.vigil.ingest.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.json.JsonString;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who submits logs: the account of the token's {@code account_id} claim (absent for the client-credentials
 * collector) and whether the token carries the {@code collector} realm role.
 *
 * <p>Rules (ARCHITECTURE.md, "Tenancy and identity"): {@code ingest} may submit records of its own account only;
 * {@code collector} may submit records of any account; in both cases the record's account needs an enabled detector
 * in the record's region.
 */
public record Caller(String accountId, boolean collector) {

    /** The claim naming the caller's account. */
    public static final String ACCOUNT_CLAIM = "account_id";

    /** The caller of the current request. */
    public static Caller of(SecurityIdentity identity, JsonWebToken jwt) {
        Object claim = jwt == null ? null : jwt.getClaim(ACCOUNT_CLAIM);
        String account = claim instanceof JsonString js ? js.getString() : claim == null ? null : claim.toString();
        if (account != null && account.isBlank()) {
            account = null;
        }
        return new Caller(account, identity.hasRole("collector"));
    }

    /** Why this caller may not submit a record of {@code recordAccount}, or {@code null} when it may. */
    public String refusal(String recordAccount) {
        if (collector || recordAccount.equals(accountId)) {
            return null;
        }
        return "account " + recordAccount + " is not the caller's account; role ingest submits its own account's"
                + " logs only";
    }
}
