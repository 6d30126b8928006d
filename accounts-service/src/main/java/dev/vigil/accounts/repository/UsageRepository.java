package dev.vigil.accounts.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** Usage rows, always queried for named accounts. */
@ApplicationScoped
public class UsageRepository implements PanacheRepositoryBase<UsageEntity, String> {

    /** Usage of {@code accountIds} in {@code region} since {@code from}. */
    public Uni<List<UsageEntity>> since(Collection<String> accountIds, String region, Instant from) {
        return list("accountId in ?1 and region = ?2 and hourStart >= ?3", accountIds, region, from);
    }
}
