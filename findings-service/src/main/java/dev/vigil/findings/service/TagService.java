package dev.vigil.findings.service;

import dev.vigil.findings.repository.Db;
import dev.vigil.findings.repository.TaggedResources;
import dev.vigil.web.GuardDutyException;
import dev.vigil.web.tags.ResourceArn;
import dev.vigil.web.tags.TagStore;
import dev.vigil.web.tags.Tags;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Tags of the resources findings-service owns (GuardDuty TagResource, UntagResource, ListTagsForResource): filters
 * and publishing destinations, whose tags CreateFilter and CreatePublishingDestination store and GetFilter and
 * DescribePublishingDestination return (one source of truth, {@link TaggedResources}). The rules are GuardDuty's
 * ({@link Tags}); a resource that is missing, another account's or region's, or of a type accounts-service owns is
 * answered {@link Tags#resourceNotFound()}, the same answer as a malformed ARN. JDBC is blocking: every call runs on
 * a worker thread.
 */
@ApplicationScoped
public class TagService implements TagStore {

    private final Db db;

    /** Creates the service. */
    public TagService(Db db) {
        this.db = db;
    }

    /**
     * ListTagsForResource.
     *
     * @throws GuardDutyException {@link Tags#resourceNotFound()} when the resource is not the caller's or does not exist
     */
    @Override
    public Uni<Map<String, String>> list(String account, String region, ResourceArn arn) {
        return blocking(() -> db.tx(c -> TaggedResources.lock(c, account, region, arn).orElseThrow(Tags::resourceNotFound)));
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
        return blocking(() -> db.tx(c -> {
            Map<String, String> existing = TaggedResources.lock(c, account, region, arn).orElseThrow(Tags::resourceNotFound);
            TaggedResources.write(c, account, region, arn, edit.apply(existing));
            return null;
        }));
    }

    private static <T> Uni<T> blocking(Supplier<T> work) {
        return Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
