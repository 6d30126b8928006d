package dev.vigil.accounts.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Relationships. Administrator-side queries take the administrator's account; member-side queries take the
 * member's account: each caller only ever sees rows naming its own account.
 */
@ApplicationScoped
public class MembershipRepository implements PanacheRepositoryBase<MembershipEntity, Long> {

    /** Members of administrator {@code accountId} in {@code region}, ordered by member account. */
    public Uni<List<MembershipEntity>> members(String accountId, String region) {
        return list("accountId = ?1 and region = ?2 order by memberAccountId", accountId, region);
    }

    /** Members of administrator {@code accountId} in every region. */
    public Uni<List<MembershipEntity>> membersAllRegions(String accountId) {
        return list("accountId = ?1 order by region, memberAccountId", accountId);
    }

    /** One member of administrator {@code accountId}, or null. */
    public Uni<MembershipEntity> member(String accountId, String region, String memberAccountId) {
        return find("accountId = ?1 and region = ?2 and memberAccountId = ?3", accountId, region, memberAccountId).firstResult();
    }

    /** Number of members of administrator {@code accountId} in {@code region}. */
    public Uni<Long> countMembers(String accountId, String region) {
        return count("accountId = ?1 and region = ?2", accountId, region);
    }

    /** Relationships naming {@code memberAccountId} as member in {@code region} (its invitations/administrator). */
    public Uni<List<MembershipEntity>> asMember(String memberAccountId, String region) {
        return list("memberAccountId = ?1 and region = ?2 order by invitedAt desc nulls last, accountId", memberAccountId, region);
    }

    /** Relationships naming {@code memberAccountId} as member, every region. */
    public Uni<List<MembershipEntity>> asMemberAllRegions(String memberAccountId) {
        return list("memberAccountId = ?1 order by region, accountId", memberAccountId);
    }
}
