package dev.vigil.accounts.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;

/** Detectors, always looked up within one account. */
@ApplicationScoped
public class DetectorRepository implements PanacheRepositoryBase<DetectorEntity, String> {

    /** The detector {@code detectorId} of {@code accountId} in {@code region}, or null (also for another tenant's). */
    public Uni<DetectorEntity> owned(String accountId, String region, String detectorId) {
        return find("detectorId = ?1 and accountId = ?2 and region = ?3", detectorId, accountId, region).firstResult();
    }

    /**
     * {@link #owned}, locked ({@code select ... for update}) until the transaction ends: a read-modify-write of one of
     * its columns (TagResource, UntagResource) cannot lose a concurrent one.
     */
    public Uni<DetectorEntity> ownedForUpdate(String accountId, String region, String detectorId) {
        return find("detectorId = ?1 and accountId = ?2 and region = ?3", detectorId, accountId, region)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** The account's detector in {@code region}, or null. */
    public Uni<DetectorEntity> inRegion(String accountId, String region) {
        return find("accountId = ?1 and region = ?2", accountId, region).firstResult();
    }

    /** Every detector of the account, all regions. */
    public Uni<List<DetectorEntity>> ofAccount(String accountId) {
        return list("accountId = ?1 order by region", accountId);
    }
}
