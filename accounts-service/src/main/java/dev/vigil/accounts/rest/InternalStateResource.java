package dev.vigil.accounts.rest;

import dev.vigil.accounts.messaging.StatePublisher;
import dev.vigil.events.AccountState;
import dev.vigil.events.Keys;
import dev.vigil.events.ThreatListState;
import dev.vigil.web.GuardDutyException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Service-to-service reads (role {@code service}, client-credentials tokens): the same {@link AccountState} and
 * {@link ThreatListState} that are published to Kafka, computed now. For bootstrapping and diagnostics; the data path
 * uses the compacted topics.
 */
@Path("/internal/v1/accounts")
@Produces(MediaType.APPLICATION_JSON)
public class InternalStateResource {

    private final StatePublisher publisher;

    public InternalStateResource(StatePublisher publisher) {
        this.publisher = publisher;
    }

    private static String check(String accountId) {
        if (!Keys.isAccountId(accountId)) {
            throw GuardDutyException.badRequest("accountId must be 12 digits.");
        }
        return accountId;
    }

    /** GET /internal/v1/accounts/{accountId}/state: the account's current AccountState. */
    @GET
    @Path("/{accountId}/state")
    @RolesAllowed("service")
    public Uni<AccountState> state(@PathParam("accountId") String accountId) {
        check(accountId);
        return Panache.withSession(() -> publisher.accountState(accountId));
    }

    /** GET /internal/v1/accounts/{accountId}/threat-lists: the account's effective lists (ThreatListState). */
    @GET
    @Path("/{accountId}/threat-lists")
    @RolesAllowed("service")
    public Uni<ThreatListState> lists(@PathParam("accountId") String accountId) {
        check(accountId);
        return Panache.withSession(() -> publisher.listState(accountId));
    }
}
