package dev.vigil.accounts.iam;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Access keys; every query names the owner (account and user), so a caller only ever reaches its own keys. */
@ApplicationScoped
public class AccessKeyRepository implements PanacheRepositoryBase<AccessKeyEntity, String> {

    /** The keys of {@code userName} in {@code accountId}, oldest first. */
    public Uni<List<AccessKeyEntity>> ofOwner(String accountId, String userName) {
        return list("accountId = ?1 and userName = ?2 order by createdAt, accessKeyId", accountId, userName);
    }

    /** Key {@code accessKeyId} if it belongs to {@code userName} of {@code accountId}, else null. */
    public Uni<AccessKeyEntity> owned(String accountId, String userName, String accessKeyId) {
        return find("accessKeyId = ?1 and accountId = ?2 and userName = ?3", accessKeyId, accountId, userName)
                .firstResult();
    }
}
