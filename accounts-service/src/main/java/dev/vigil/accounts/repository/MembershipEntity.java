package dev.vigil.accounts.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An administrator/member relationship in one region: {@code accountId} administers {@code memberAccountId}.
 * {@code relationshipStatus} is GuardDuty's: Created, Invited, Enabled, Disabled, Removed, Resigned.
 */
@Entity
@Table(name = "membership")
public class MembershipEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "account_id")
    public String accountId;
    public String region;
    @Column(name = "member_account_id")
    public String memberAccountId;
    public String email;
    @Column(name = "relationship_status")
    public String relationshipStatus;
    @Column(name = "invitation_id")
    public String invitationId;
    @Column(name = "invited_at")
    public Instant invitedAt;
    /** The member deleted the invitation from its list (DeleteInvitations). */
    @Column(name = "invitation_hidden")
    public boolean invitationHidden;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
