package dev.vigil.web;

import dev.vigil.events.Ids;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Rejects a request whose path IDs are malformed ({@link Ids}: detector, finding, IPSet, ThreatIntelSet and
 * publishing-destination IDs 32 lowercase hex characters, account IDs 12 digits) with 400
 * {@code BadRequestException} naming the parameter, before any resource code or query runs. It runs after the
 * authentication and role checks, so a caller without a valid token or role is answered 401/403 first.
 */
public class IdFormatFilter {

    /** The 400 answer for the first malformed path ID, or nothing. */
    @ServerRequestFilter
    public Optional<Response> checkIds(UriInfo uri) {
        String problem = Ids.firstProblem(uri.getPathParameters());
        return problem == null ? Optional.empty()
                : Optional.of(ErrorMappers.response(GuardDutyException.badRequest(problem)));
    }
}
