package dev.vigil.accounts.service;

import dev.vigil.accounts.repository.DetectorEntity;
import dev.vigil.accounts.repository.DetectorRepository;
import dev.vigil.accounts.repository.ThreatListEntity;
import dev.vigil.accounts.repository.ThreatListRepository;
import dev.vigil.events.Json;
import dev.vigil.web.GuardDutyException;
import dev.vigil.web.tags.ResourceArn;
import dev.vigil.web.tags.TagStore;
import dev.vigil.web.tags.Tags;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Tags of the resources accounts-service owns (GuardDuty TagResource, UntagResource, ListTagsForResource): detectors
 * ({@code detector.tags}) and IPSets, ThreatIntelSets, ThreatEntitySets and TrustedEntitySets
 * ({@code threat_list.tags}), the columns CreateDetector and the Create operations of lists write and their Get
 * operations read: one source of truth per resource. The rules are GuardDuty's ({@link Tags}); a resource that is
 * missing, another account's or region's, or of a type findings-service owns (filter, publishing destination) is
 * answered {@link Tags#resourceNotFound()}, the same answer as a malformed ARN. Tags are not part of the published
 * account state, so a tag change publishes nothing.
 */
@ApplicationScoped
public class TagService implements TagStore {

    private final DetectorRepository detectors;
    private final ThreatListRepository lists;
    private final StateChanges changes;

    /** Creates the service. */
    public TagService(DetectorRepository detectors, ThreatListRepository lists, StateChanges changes) {
        this.detectors = detectors;
        this.lists = lists;
        this.changes = changes;
    }

    /** A stored resource's tags (JSON object as text), read and written in place. */
    private record Tagged(String json, Consumer<String> write) {
        Map<String, String> tags() {
            return DetectorService.readMap(json);
        }
    }

    /**
     * ListTagsForResource: the tags of the resource {@code arn} names.
     *
     * @throws GuardDutyException {@link Tags#resourceNotFound()} when it is not the caller's or does not exist
     */
    @Override
    @WithSession
    public Uni<Map<String, String>> list(String account, String region, ResourceArn arn) {
        return find(account, region, arn, false).map(Tagged::tags);
    }

    /**
     * TagResource and UntagResource: the resource's tags become {@code edit} of them ({@link Tags#add},
     * {@link Tags#remove}), in one transaction.
     *
     * @throws GuardDutyException 400 for the resource as in {@link #list}, or what {@code edit} throws (more than
     *         {@value Tags#MAX_PER_RESOURCE} tags)
     */
    @Override
    public Uni<Void> change(String account, String region, ResourceArn arn, UnaryOperator<Map<String, String>> edit) {
        return changes.commit(() -> find(account, region, arn, true).map(t -> {
            t.write().accept(Json.write(edit.apply(t.tags())));
            return Affected.none().result();
        }));
    }

    /**
     * The caller's resource {@code arn} names (locked until the transaction ends when {@code forUpdate});
     * {@link Tags#resourceNotFound()} when there is none.
     */
    private Uni<Tagged> find(String account, String region, ResourceArn arn, boolean forUpdate) {
        String kind = switch (arn.type()) {
            case DETECTOR -> null;
            case IPSET -> ListKind.IPSET.name();
            case THREAT_INTEL_SET -> ListKind.THREAT.name();
            case THREAT_ENTITY_SET -> ListKind.THREAT_ENTITY.name();
            case TRUSTED_ENTITY_SET -> ListKind.TRUSTED_ENTITY.name();
            case FILTER, PUBLISHING_DESTINATION -> throw Tags.resourceNotFound(); // findings-service's resources
        };
        Uni<Tagged> found;
        if (kind == null) {
            Uni<DetectorEntity> d = forUpdate ? detectors.ownedForUpdate(account, region, arn.detectorId())
                    : detectors.owned(account, region, arn.detectorId());
            found = d.map(x -> x == null ? null : new Tagged(x.tags, t -> x.tags = t));
        } else {
            Uni<ThreatListEntity> l = forUpdate ? lists.ownedForUpdate(account, region, kind, arn.id())
                    : lists.owned(account, region, kind, arn.id());
            found = l.map(x -> x == null || !x.detectorId.equals(arn.detectorId()) ? null : new Tagged(x.tags, t -> x.tags = t));
        }
        return found.onItem().ifNull().failWith(Tags::resourceNotFound);
    }
}
