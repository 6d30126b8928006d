package dev.vigil.accounts.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;

/** IPSets and ThreatIntelSets, always looked up within one account. */
@ApplicationScoped
public class ThreatListRepository implements PanacheRepositoryBase<ThreatListEntity, String> {

    /** One list of {@code accountId} in {@code region} of {@code kind}, or null. */
    public Uni<ThreatListEntity> owned(String accountId, String region, String kind, String listId) {
        return find("listId = ?1 and accountId = ?2 and region = ?3 and kind = ?4", listId, accountId, region, kind).firstResult();
    }

    /** {@link #owned}, locked ({@code select ... for update}) until the transaction ends. */
    public Uni<ThreatListEntity> ownedForUpdate(String accountId, String region, String kind, String listId) {
        return find("listId = ?1 and accountId = ?2 and region = ?3 and kind = ?4", listId, accountId, region, kind)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** The account's lists of {@code kind} in {@code region}, by creation. */
    public Uni<List<ThreatListEntity>> ofKind(String accountId, String region, String kind) {
        return list("accountId = ?1 and region = ?2 and kind = ?3 order by createdAt, listId", accountId, region, kind);
    }

    /** The account's lists, every region and kind. */
    public Uni<List<ThreatListEntity>> ofAccount(String accountId) {
        return list("accountId = ?1 order by region, kind, createdAt", accountId);
    }
}
