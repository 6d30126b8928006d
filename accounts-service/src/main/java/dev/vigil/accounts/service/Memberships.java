package dev.vigil.accounts.service;

import dev.vigil.accounts.model.Unprocessed;
import dev.vigil.accounts.repository.MembershipEntity;
import dev.vigil.accounts.repository.MembershipRepository;
import dev.vigil.events.Keys;
import dev.vigil.web.GuardDutyException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What both sides of a relationship share ({@link AdministratorService}, {@link MemberAccountService}): GuardDuty's
 * relationship statuses (Created → Invited → Enabled ⇄ Disabled; Removed, Resigned), the accountIds rule, the member
 * check that keeps members from managing members or lists, and committing a change that reports unprocessed accounts.
 */
@ApplicationScoped
public class Memberships {

    /** The statuses of an accepted relationship: the member's findings and lists follow its administrator. */
    static final Set<String> ASSOCIATED = Set.of("Enabled", "Disabled");

    private final MembershipRepository relationships;
    private final StateChanges changes;

    public Memberships(MembershipRepository relationships, StateChanges changes) {
        this.relationships = relationships;
        this.changes = changes;
    }

    /** A change of one relationship; returns null if done, else the reason the account is unprocessed. */
    @FunctionalInterface
    interface MemberChange {
        String apply(MembershipEntity m);
    }

    /** What a relationship operation did: the unprocessed accounts and the accounts whose state to publish. */
    record Outcome(List<Unprocessed> unprocessed, Affected affected) {
    }

    /** Commits {@code change} and publishes what it affected; the item is its unprocessed accounts. */
    Uni<List<Unprocessed>> commit(Supplier<Uni<Outcome>> change) {
        return changes.commit(() -> change.get().map(o -> o.affected().with(o.unprocessed())));
    }

    /**
     * GuardDuty's {@code accountIds}: 1 to 50 IDs of 12 digits, duplicates dropped (first occurrence order).
     *
     * @throws GuardDutyException 400 otherwise
     */
    public static List<String> accountIds(List<String> accountIds) {
        if (accountIds == null || accountIds.isEmpty() || accountIds.size() > 50) {
            throw GuardDutyException.badRequest("accountIds must contain 1 to 50 account IDs.");
        }
        for (String id : accountIds) {
            if (!Keys.isAccountId(id)) {
                throw GuardDutyException.badRequest("The request is rejected because accountIds contains a value that"
                        + " is not a 12-digit account ID.");
            }
        }
        return new ArrayList<>(new LinkedHashSet<>(accountIds));
    }

    /** Now, to the millisecond (the precision GuardDuty's timestamps carry). */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * Fails with 400 if {@code accountId} is an associated member in {@code region}: members cannot manage members or
     * lists (GuardDuty: only the administrator manages them).
     */
    public Uni<Void> requireNotMember(String accountId, String region, String what) {
        return relationships.asMember(accountId, region)
                .map(l -> l.stream().anyMatch(m -> ASSOCIATED.contains(m.relationshipStatus))).map(member -> {
                    if (member) {
                        throw GuardDutyException.badRequest("The request is rejected because a member account cannot "
                                + what + ".");
                    }
                    return null;
                });
    }
}
