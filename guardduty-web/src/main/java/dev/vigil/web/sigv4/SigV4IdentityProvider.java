package dev.vigil.web.sigv4;

import dev.vigil.web.Caller;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.arc.Unremovable;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;

/**
 * Turns a verified SigV4 request into exactly the identity of the Keycloak principal its credentials were issued to:
 * its name, its realm roles and its account (identity attribute {@value Caller#ACCOUNT_ID}, read by {@link Caller}),
 * so authorization and tenancy are those of a bearer token of the same principal. The credentials are temporary
 * ones whose session token Vigil sealed ({@link SessionTokens}); their access key must be the token's, and they must
 * not have expired. Attribute {@value #REGION} holds the credential scope's region (the request's region when its
 * path has no region prefix), {@value #ACCESS_KEY} the access key ID and {@value #SESSION} the session without its
 * secret.
 */
@ApplicationScoped
@Unremovable
public class SigV4IdentityProvider implements IdentityProvider<SigV4AuthenticationRequest> {

    /** Identity attribute: the signing region. */
    public static final String REGION = "aws_region";
    /** Identity attribute: the access key ID the request was signed with. */
    public static final String ACCESS_KEY = "aws_access_key_id";
    /** Identity attribute: the Keycloak subject of the principal. */
    public static final String SUBJECT = "aws_user_id";
    /** Identity attribute: the {@link SessionTokens.Session} of the credentials. */
    public static final String SESSION = "aws_session";

    private final SigV4Config config;
    private final Optional<SessionTokens> tokens;
    private final SigV4Verifier verifier;
    private final Clock clock;

    /** Creates the provider from the configuration and the system clock. */
    @Inject
    public SigV4IdentityProvider(SigV4Config config) {
        this(config, Clock.systemUTC());
    }

    SigV4IdentityProvider(SigV4Config config, Clock clock) {
        this.config = config;
        this.tokens = config.stackKey().filter(k -> !k.isBlank()).map(SessionTokens::fromBase64);
        this.verifier = new SigV4Verifier(clock, config.maxSkew(), true);
        this.clock = clock;
    }

    @Override
    public Class<SigV4AuthenticationRequest> getRequestType() {
        return SigV4AuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(SigV4AuthenticationRequest request, AuthenticationRequestContext context) {
        SigV4Request r = request.request();
        return Uni.createFrom().item(() -> identity(r))
                .onFailure(SigV4Exception.class).transform(e -> ((SigV4Exception) e).inProtocol("sts".equals(r.service())));
    }

    /**
     * The identity of {@code r}.
     *
     * @throws SigV4Exception why the request is refused
     */
    SecurityIdentity identity(SigV4Request r) {
        if (!config.services().contains(r.service())
                || config.regions().map(regions -> !regions.contains(r.region())).orElse(false)) {
            throw new SigV4Exception(SigV4Error.SCOPE, "Credential should be scoped to a valid region and service: '"
                    + r.region() + "/" + r.service() + "' is not served here.");
        }
        if (r.sessionToken() == null || tokens.isEmpty()) {
            throw SessionTokens.unrecognized();
        }
        SessionTokens.Session s = tokens.get().open(r.sessionToken());
        if (!s.accessKeyId().equals(r.accessKeyId())) {
            throw SessionTokens.unrecognized();
        }
        if (!clock.instant().isBefore(s.expiration())) {
            throw new SigV4Exception(SigV4Error.EXPIRED_TOKEN, "The security token included in the request is expired");
        }
        verifier.verify(r, s.secretAccessKey());
        QuarkusSecurityIdentity.Builder b = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(s.principal()))
                .addAttribute(Caller.ACCOUNT_ID, s.accountId())
                .addAttribute(REGION, r.region())
                .addAttribute(ACCESS_KEY, r.accessKeyId())
                .addAttribute(SESSION, s.withoutSecret());
        if (s.subject() != null) {
            b.addAttribute(SUBJECT, s.subject());
        }
        s.roles().forEach(b::addRole);
        return b.build();
    }
}
