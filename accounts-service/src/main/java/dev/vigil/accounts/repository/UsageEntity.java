package dev.vigil.accounts.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One consumed {@code UsageRecord}; the event ID as key makes consumption idempotent. */
@Entity
@Table(name = "usage_record")
public class UsageEntity {
    @Id
    @Column(name = "event_id")
    public String eventId;
    @Column(name = "account_id")
    public String accountId;
    public String region;
    @Column(name = "data_source")
    public String dataSource;
    @Column(name = "resource_id")
    public String resourceId;
    @Column(name = "hour_start")
    public Instant hourStart;
    public long bytes;
    public long events;
}
