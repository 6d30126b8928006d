package dev.vigil.web.sigv4;

import dev.vigil.events.AccessKeyState;
import dev.vigil.web.Caller;
import dev.vigil.web.accesskeys.AccessKeyDirectory;
import dev.vigil.web.accesskeys.AccessKeySecrets;
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
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a verified SigV4 request into exactly the identity of the Keycloak principal its credentials were issued to:
 * its name, its realm roles and its account (identity attribute {@value Caller#ACCOUNT_ID}, read by {@link Caller}),
 * so authorization and tenancy are those of a bearer token of the same principal. The credentials are either
 * temporary ones whose session token Vigil sealed ({@link SessionTokens}; their access key must be the token's, and
 * they must not have expired), or a long-lived access key without a session token, looked up in this replica's
 * {@link AccessKeyDirectory} (an {@code Inactive} or deleted key is refused as AWS refuses it,
 * {@code UnrecognizedClientException} / {@code InvalidClientTokenId}; a key never seen waits up to
 * {@code vigil.sigv4.access-keys.unknown-key-wait} for the topic to bring it). Attribute {@value #REGION} holds the
 * credential scope's region (the request's region when its path has no region prefix), {@value #ACCESS_KEY} the
 * access key ID, {@value #SESSION} the session without its secret, {@value #LONG_LIVED_KEY} the long-lived key's
 * state without its secret.
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
    /** Identity attribute: the {@link AccessKeyState} of a long-lived key, its sealed secret removed. */
    public static final String LONG_LIVED_KEY = "aws_access_key";

    private final SigV4Config config;
    private final Optional<SessionTokens> tokens;
    private final Optional<AccessKeySecrets> secrets;
    private final AccessKeyDirectory directory;
    private final SigV4Verifier verifier;
    private final Clock clock;

    /** Creates the provider from the configuration and the system clock. */
    @Inject
    public SigV4IdentityProvider(SigV4Config config, AccessKeyDirectory directory) {
        this(config, directory, Clock.systemUTC());
    }

    SigV4IdentityProvider(SigV4Config config, AccessKeyDirectory directory, Clock clock) {
        this.config = config;
        Optional<String> key = config.stackKey().filter(k -> !k.isBlank());
        this.tokens = key.map(SessionTokens::fromBase64);
        this.secrets = key.map(k -> new AccessKeySecrets(StackKeyCipher.fromBase64(k)));
        this.directory = directory;
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
        Duration wait = config.accessKeys().unknownKeyWait();
        Uni<SecurityIdentity> identity = Uni.createFrom().item(() -> identity(r));
        if (!wait.isZero()) {
            identity = identity.onFailure(UnknownAccessKey.class).retry()
                    .withBackOff(Duration.ofMillis(50), Duration.ofMillis(250)).expireIn(wait.toMillis())
                    // Mutiny reports exhausted retries as an IllegalStateException caused by the last failure
                    .onFailure(e -> !(e instanceof SigV4Exception) && e.getCause() instanceof UnknownAccessKey)
                    .transform(Throwable::getCause);
        }
        return identity.onFailure(SigV4Exception.class)
                .transform(e -> ((SigV4Exception) e).inProtocol(QUERY_SERVICES.contains(r.service())));
    }

    /** Signing names of the Query-protocol services (errors in XML). */
    static final Set<String> QUERY_SERVICES = Set.of("sts", "iam");

    /** A long-lived access key this replica has not seen (yet). */
    static final class UnknownAccessKey extends SigV4Exception {
        UnknownAccessKey() {
            super(SigV4Error.UNRECOGNIZED_KEY, "The security token included in the request is invalid.");
        }
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
        if (tokens.isEmpty()) {
            throw SessionTokens.unrecognized();
        }
        if (r.sessionToken() == null) {
            return longLived(r);
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

    /** The identity of a request signed with a long-lived key. */
    private SecurityIdentity longLived(SigV4Request r) {
        if (!r.accessKeyId().startsWith(AccessKeySecrets.PREFIX)) {
            throw SessionTokens.unrecognized();
        }
        AccessKeyDirectory.Lookup found = directory.find(r.accessKeyId());
        if (found.status() == AccessKeyDirectory.Status.UNKNOWN) {
            throw new UnknownAccessKey();
        }
        if (found.status() != AccessKeyDirectory.Status.ACTIVE) {
            throw SessionTokens.unrecognized();
        }
        AccessKeyState k = found.key();
        String secret;
        try {
            secret = secrets.orElseThrow().open(k.accessKeyId(), k.sealedSecret());
        } catch (IllegalArgumentException e) { // sealed with another stack key
            throw SessionTokens.unrecognized();
        }
        verifier.verify(r, secret);
        QuarkusSecurityIdentity.Builder b = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(k.userName()))
                .addAttribute(Caller.ACCOUNT_ID, k.accountId())
                .addAttribute(REGION, r.region())
                .addAttribute(ACCESS_KEY, r.accessKeyId())
                .addAttribute(LONG_LIVED_KEY, new AccessKeyState(k.schemaVersion(), k.accessKeyId(), k.status(),
                        k.userName(), k.subject(), k.accountId(), k.roles(), null, k.createdAt(), k.version()));
        if (k.subject() != null) {
            b.addAttribute(SUBJECT, k.subject());
        }
        if (k.roles() != null) {
            k.roles().forEach(b::addRole);
        }
        return b.build();
    }
}
