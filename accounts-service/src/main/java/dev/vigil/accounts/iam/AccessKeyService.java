package dev.vigil.accounts.iam;

import dev.vigil.events.AccessKeyState;
import dev.vigil.web.accesskeys.AccessKeySecrets;
import dev.vigil.web.sigv4.SigV4Config;
import dev.vigil.web.sigv4.StackKeyCipher;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A principal's own long-lived access keys, as IAM's CreateAccessKey, ListAccessKeys, UpdateAccessKey and
 * DeleteAccessKey have them: the secret is returned once, by {@link #create}, and stored only sealed with the stack
 * key; at most {@value #MAX_KEYS_PER_USER} keys per principal whatever their status (IAM's quota
 * {@code AccessKeysPerUser}: rotation is create a second key, switch, deactivate, delete the first). A key carries
 * its principal's account and realm roles as they were when it was created. Each change is durable in PostgreSQL and
 * acknowledged on topic {@code vigil.access-keys.v1} ({@link AccessKeyPublisher}) before it is answered.
 */
@ApplicationScoped
public class AccessKeyService {

    /** IAM's quota AccessKeysPerUser. */
    public static final int MAX_KEYS_PER_USER = 2;

    /**
     * Who owns keys: a principal of an account.
     *
     * @param accountId its 12-digit account
     * @param userName  its name (IAM's UserName)
     * @param subject   its Keycloak subject, or {@code null}
     * @param roles     its realm roles
     */
    public record Owner(String accountId, String userName, String subject, Set<String> roles) {
    }

    /** A new key and its secret, which nothing returns again. */
    public record Created(AccessKeyEntity key, String secret) {
    }

    private final AccessKeyRepository keys;
    private final AccessKeyPublisher publisher;
    private final Optional<AccessKeySecrets> secrets;

    /** Creates the service. */
    public AccessKeyService(AccessKeyRepository keys, AccessKeyPublisher publisher, SigV4Config sigv4) {
        this.keys = keys;
        this.publisher = publisher;
        this.secrets = sigv4.stackKey().filter(k -> !k.isBlank())
                .map(k -> new AccessKeySecrets(StackKeyCipher.fromBase64(k)));
    }

    /**
     * CreateAccessKey for {@code owner}.
     *
     * @return a failed Uni with {@link IamError} 409 LimitExceeded past the quota, 503 without a stack key
     */
    public Uni<Created> create(Owner owner) {
        AccessKeySecrets sealer = secrets.orElseThrow(() -> new IamError(503, "ServiceFailure",
                "Vigil has no stack key configured (vigil.sigv4.stack-key): it cannot store access keys."));
        String id = AccessKeySecrets.newAccessKeyId();
        String secret = AccessKeySecrets.newSecret();
        return Panache.withTransaction(() -> lock(owner)
                        .chain(() -> keys.count("accountId = ?1 and userName = ?2", owner.accountId(), owner.userName()))
                        .chain(n -> {
                            if (n >= MAX_KEYS_PER_USER) {
                                throw new IamError(409, "LimitExceeded",
                                        "Cannot exceed quota for AccessKeysPerUser: " + MAX_KEYS_PER_USER);
                            }
                            AccessKeyEntity k = new AccessKeyEntity();
                            k.accessKeyId = id;
                            k.accountId = owner.accountId();
                            k.userName = owner.userName();
                            k.subject = owner.subject();
                            k.roles = String.join(",", new TreeSet<>(owner.roles()));
                            k.sealedSecret = sealer.seal(id, secret);
                            k.status = AccessKeyState.ACTIVE;
                            k.createdAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
                            return nextVersion().chain(v -> {
                                k.version = v;
                                return keys.persist(k);
                            });
                        }))
                .call(publisher::changed)
                .map(k -> new Created(k, secret));
    }

    /** ListAccessKeys: {@code owner}'s keys, oldest first. */
    public Uni<List<AccessKeyEntity>> list(Owner owner) {
        return Panache.withSession(() -> keys.ofOwner(owner.accountId(), owner.userName()));
    }

    /**
     * UpdateAccessKey: sets the status of {@code owner}'s key.
     *
     * @param status {@code Active} or {@code Inactive}
     * @return a failed Uni with {@link IamError} 404 NoSuchEntity unless the owner has the key
     */
    public Uni<Void> update(Owner owner, String accessKeyId, String status) {
        return Panache.withTransaction(() -> owned(owner, accessKeyId).chain(k -> nextVersion().map(v -> {
                    k.status = status;
                    k.version = v;
                    return k;
                })))
                .call(publisher::changed).replaceWithVoid();
    }

    /**
     * DeleteAccessKey: removes {@code owner}'s key for good.
     *
     * @return a failed Uni with {@link IamError} 404 NoSuchEntity unless the owner has the key
     */
    public Uni<Void> delete(Owner owner, String accessKeyId) {
        return Panache.withTransaction(() -> owned(owner, accessKeyId).call(keys::delete))
                .chain(k -> publisher.deleted(k.accessKeyId));
    }

    private Uni<AccessKeyEntity> owned(Owner owner, String accessKeyId) {
        return keys.owned(owner.accountId(), owner.userName(), accessKeyId).map(k -> {
            if (k == null) {
                throw IamError.noSuchKey(accessKeyId);
            }
            return k;
        });
    }

    /** Serialises the key changes of one owner (the quota check and the insert) until the transaction ends. */
    private static Uni<Integer> lock(Owner owner) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "select 1 from (select pg_advisory_xact_lock(hashtext(?1))) l", Integer.class)
                .setParameter(1, "access_key:" + owner.accountId() + "/" + owner.userName()).getSingleResult());
    }

    private static Uni<Long> nextVersion() {
        return Panache.getSession().chain(s -> s.createNativeQuery("select nextval('state_version')", Long.class)
                .getSingleResult());
    }
}
