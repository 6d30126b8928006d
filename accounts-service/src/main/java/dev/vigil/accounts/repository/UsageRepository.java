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

    /**
     * Usage of {@code accountIds} in {@code region} since {@code from}, summed in the database per account, data source
     * and resource: one unmanaged row per combination with {@code bytes} and {@code events} summed ({@code eventId}
     * and {@code hourStart} unset). A month of usage is then a few rows per resource, not one per ingested batch (a
     * list of every row ran a 256 MB heap out of memory at 270,000 rows).
     */
    public Uni<List<UsageEntity>> totalsSince(Collection<String> accountIds, String region, Instant from) {
        return getSession().chain(s -> s.createSelectionQuery("select u.accountId, u.dataSource, u.resourceId,"
                + " sum(u.bytes), sum(u.events) from UsageEntity u where u.accountId in :accounts and u.region = :region"
                + " and u.hourStart >= :from group by u.accountId, u.dataSource, u.resourceId", Object[].class)
                .setParameter("accounts", accountIds).setParameter("region", region).setParameter("from", from)
                .getResultList())
                .map(rows -> rows.stream().map(r -> {
                    UsageEntity u = new UsageEntity();
                    u.accountId = (String) r[0];
                    u.region = region;
                    u.dataSource = (String) r[1];
                    u.resourceId = (String) r[2];
                    u.bytes = ((Number) r[3]).longValue();
                    u.events = ((Number) r[4]).longValue();
                    return u;
                }).toList());
    }
}
