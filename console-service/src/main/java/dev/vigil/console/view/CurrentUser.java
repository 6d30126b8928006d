package dev.vigil.console.view;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The signed-in user as the layout shows them ({@code {inject:user.name}} in templates): name, account and whether
 * administrator actions are offered. The roles are the access token's, the ones the API checks; hiding a button is a
 * convenience, the API still decides.
 */
@Named("user")
@RequestScoped
public class CurrentUser {

    private final SecurityIdentity identity;

    CurrentUser(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** The user name ({@code preferred_username}), or empty when nobody is signed in. */
    public String name() {
        if (identity.isAnonymous()) {
            return "";
        }
        String name = claim("preferred_username");
        return name.isEmpty() ? identity.getPrincipal().getName() : name;
    }

    /** The user's account ID (claim {@code account_id}), or empty. */
    public String account() {
        return claim("account_id");
    }

    /** Whether the user has realm role {@code admin} (archive, manage). */
    public boolean admin() {
        return identity.hasRole("admin");
    }

    /** Whether somebody is signed in. */
    public boolean signedIn() {
        return !identity.isAnonymous();
    }

    private String claim(String name) {
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            Object v = jwt.getClaim(name);
            return v == null ? "" : v.toString().replace("\"", "");
        }
        return "";
    }
}
