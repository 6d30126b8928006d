package dev.vigil.accounts.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.DynamicUpdate;
import java.time.Instant;

/**
 * A GuardDuty detector of one account in one region. {@code features} and {@code tags} are JSON objects as text.
 * Updates write only the columns that changed ({@code @DynamicUpdate}), so UpdateDetector never writes back tags that
 * a concurrent TagResource changed.
 */
@Entity
@DynamicUpdate
@Table(name = "detector")
public class DetectorEntity {
    @Id
    @Column(name = "detector_id")
    public String detectorId;
    @Column(name = "account_id")
    public String accountId;
    public String region;
    /** ENABLED or DISABLED. */
    public String status;
    @Column(name = "finding_publishing_frequency")
    public String findingPublishingFrequency;
    /** JSON object feature name to ENABLED/DISABLED. */
    public String features;
    /** JSON object of tags. */
    public String tags;
    @Column(name = "client_token")
    public String clientToken;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
