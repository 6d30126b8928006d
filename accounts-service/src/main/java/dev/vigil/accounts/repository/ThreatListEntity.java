package dev.vigil.accounts.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.DynamicUpdate;
import java.time.Instant;

/**
 * An IPSet ({@code kind} IPSET), ThreatIntelSet ({@code kind} THREAT), TrustedEntitySet ({@code TRUSTED_ENTITY}) or
 * ThreatEntitySet ({@code THREAT_ENTITY}) with its parsed content: {@code cidrs} and
 * {@code domains} are newline-separated, {@code badEntries} the rejected lines with reasons. Updates write only the
 * columns that changed ({@code @DynamicUpdate}), so a list update or content load never writes back stale tags.
 */
@Entity
@DynamicUpdate
@Table(name = "threat_list")
public class ThreatListEntity {
    @Id
    @Column(name = "list_id")
    public String listId;
    @Column(name = "account_id")
    public String accountId;
    public String region;
    @Column(name = "detector_id")
    public String detectorId;
    public String kind;
    public String name;
    public String format;
    public String location;
    public String status;
    public boolean activate;
    @Column(name = "error_reason")
    public String errorReason;
    public String tags;
    public String cidrs;
    public String domains;
    @Column(name = "entry_count")
    public int entryCount;
    @Column(name = "bad_entries")
    public String badEntries;
    @Column(name = "expected_bucket_owner")
    public String expectedBucketOwner;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
