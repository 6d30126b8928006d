package dev.vigil.accounts.repository;

import dev.vigil.events.UsageRecord;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;

/** Usage rows, always queried for named accounts. */
@ApplicationScoped
public class UsageRepository implements PanacheRepositoryBase<UsageEntity, String> {

    /** One statement for a whole batch: a row per array element, rows whose event ID exists are skipped. */
    private static final String INSERT_NEW = "insert into usage_record (event_id, account_id, region, data_source,"
            + " resource_id, hour_start, bytes, events) select * from unnest($1::varchar[], $2::varchar[],"
            + " $3::varchar[], $4::varchar[], $5::varchar[], $6::timestamptz[], $7::bigint[], $8::bigint[])"
            + " on conflict (event_id) do nothing";

    private final Pool pool;

    public UsageRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Stores {@code records} (distinct event IDs, validated) in one statement, skipping those whose event ID is
     * stored already, so a redelivered or re-submitted usage record counts once. Completes when PostgreSQL committed.
     */
    public Uni<Void> insertNew(Collection<UsageRecord> records) {
        int n = records.size();
        String[] ids = new String[n];
        String[] accounts = new String[n];
        String[] regions = new String[n];
        String[] sources = new String[n];
        String[] resources = new String[n];
        OffsetDateTime[] hours = new OffsetDateTime[n];
        Long[] bytes = new Long[n];
        Long[] events = new Long[n];
        int i = 0;
        for (UsageRecord r : records) {
            ids[i] = r.eventId();
            accounts[i] = r.accountId();
            regions[i] = r.region();
            sources[i] = r.dataSource();
            resources[i] = r.resourceId();
            hours[i] = Instant.ofEpochMilli(r.hourStart()).atOffset(ZoneOffset.UTC);
            bytes[i] = r.bytes();
            events[i] = r.events();
            i++;
        }
        return pool.preparedQuery(INSERT_NEW)
                // Tuple.of, a mutable tuple: the client converts array values in place (a Tuple.wrap of an immutable list
                // made the query hang without an error)
                .execute(Tuple.of(ids, accounts, regions, sources, resources, hours).addValue(bytes).addValue(events))
                .replaceWithVoid();
    }

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
