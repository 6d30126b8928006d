package dev.vigil.accounts.sources;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Log sources, always looked up within one account and region (another tenant's source is a missing one). */
@ApplicationScoped
public class LogSourceRepository implements PanacheRepositoryBase<LogSourceEntity, String> {

    /** One source of {@code accountId} in {@code region} under {@code detectorId}, or null. */
    public Uni<LogSourceEntity> owned(String accountId, String region, String detectorId, String logSourceId) {
        return find("logSourceId = ?1 and accountId = ?2 and region = ?3 and detectorId = ?4", logSourceId, accountId,
                region, detectorId).firstResult();
    }

    /** The account's sources in {@code region}, by creation. */
    public Uni<List<LogSourceEntity>> ofRegion(String accountId, String region) {
        return list("accountId = ?1 and region = ?2 order by createdAt, logSourceId", accountId, region);
    }

    /** Every source of every account (start-up republication). */
    public Uni<List<LogSourceEntity>> everything() {
        return listAll();
    }
}
