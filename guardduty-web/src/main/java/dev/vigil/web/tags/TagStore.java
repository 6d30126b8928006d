package dev.vigil.web.tags;

import io.smallrye.mutiny.Uni;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Where a service keeps the tags of the resources it owns, for {@link TagOperations}. Every method is scoped to the
 * caller's account and region (from the credential and the request), and fails with {@link Tags#resourceNotFound()}
 * when {@code arn} names no resource of that account and region that the service owns, whatever the reason.
 * Arguments are validated already ({@link Tags}).
 */
public interface TagStore {

    /** The tags of the resource (empty when it has none). */
    Uni<Map<String, String>> list(String accountId, String region, ResourceArn arn);

    /**
     * Replaces the resource's tags by {@code edit} of them, in one transaction ({@link Tags#add} for TagResource,
     * {@link Tags#remove} for UntagResource); an exception {@code edit} throws leaves them unchanged.
     */
    Uni<Void> change(String accountId, String region, ResourceArn arn, UnaryOperator<Map<String, String>> edit);
}
