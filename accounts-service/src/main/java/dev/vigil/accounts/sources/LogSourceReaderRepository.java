package dev.vigil.accounts.sources;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

/** The reader replicas' latest reports per log source. */
@ApplicationScoped
public class LogSourceReaderRepository implements PanacheRepositoryBase<LogSourceReaderEntity, LogSourceReaderEntity.Key> {

    /** The reports on one source of {@code accountId}. */
    public Uni<List<LogSourceReaderEntity>> ofSource(String accountId, String logSourceId) {
        return list("accountId = ?1 and logSourceId = ?2", accountId, logSourceId);
    }

    /** The report of one replica on one source, or null. */
    public Uni<LogSourceReaderEntity> of(String logSourceId, String readerId) {
        return find("logSourceId = ?1 and readerId = ?2", logSourceId, readerId).firstResult();
    }
}
