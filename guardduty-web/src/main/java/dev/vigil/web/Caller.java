package dev.vigil.web;

import dev.vigil.events.Keys;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.json.JsonString;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who calls: the principal's name, its account (the tenant) and its realm roles, whatever credential proved them.
 * ARCHITECTURE.md, "Tenancy and identity": the account comes from the credential, never from a body or path.
 *
 * <p>The account is read from the authenticated {@link SecurityIdentity}, first from its attribute
 * {@value #ACCOUNT_ID} (how any authentication mechanism other than bearer tokens states it: the SigV4 access keys
 * Vigil issues will set it from the principal they are bound to, so such a caller has exactly the account and roles
 * of its principal), then from the {@value #ACCOUNT_ID} claim of a bearer token (Keycloak, realm {@code vigil}). A
 * value that is not 12 digits counts as none. An identity without an account may still call what needs no tenant
 * (ingest's {@code collector} role); every tenant operation asks {@link #requireAccount()}, which answers 403.
 *
 * @param name      the principal's name (user name, or the service account of a client), {@code null} when anonymous
 * @param accountId the caller's 12-digit account ID, {@code null} when the identity names none
 * @param roles     the realm roles
 */
public record Caller(String name, String accountId, Set<String> roles) {

    /** The token claim and identity attribute naming the caller's account. */
    public static final String ACCOUNT_ID = "account_id";
    /** The message of the 403 for an identity without a usable account. */
    public static final String NO_ACCOUNT = "The caller's identity names no account: it carries no 12-digit "
            + ACCOUNT_ID + ".";

    /** The caller of an authenticated (or anonymous) {@code identity}. */
    public static Caller of(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return new Caller(null, null, Set.of());
        }
        Object value = identity.getAttribute(ACCOUNT_ID);
        if (value == null && identity.getPrincipal() instanceof JsonWebToken jwt) {
            value = jwt.getClaim(ACCOUNT_ID);
        }
        String account = value instanceof JsonString js ? js.getString() : value == null ? null : value.toString();
        return new Caller(identity.getPrincipal().getName(), Keys.isAccountId(account) ? account : null,
                Set.copyOf(identity.getRoles()));
    }

    /** Whether the caller holds realm role {@code role}. */
    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /** The caller's account, if its identity names a usable one. */
    public Optional<String> account() {
        return Optional.ofNullable(accountId);
    }

    /**
     * The caller's account: the tenant of the request.
     *
     * @throws GuardDutyException 403 {@code AccessDeniedException} when the identity names no usable account (a
     *         missing or invalid credential never gets here: it is 401 before)
     */
    public String requireAccount() {
        if (accountId == null) {
            throw GuardDutyException.accessDenied(NO_ACCOUNT);
        }
        return accountId;
    }
}
