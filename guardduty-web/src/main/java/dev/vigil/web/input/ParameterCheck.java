package dev.vigil.web.input;

import dev.vigil.web.ErrorMappers;
import dev.vigil.web.GuardDutyException;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Applies {@link RequestInput}'s text rule to every path and query parameter (decoded) of every operation: a
 * {@code %00} in a filter name or a {@code nextToken} is 400 {@code BadRequestException} naming the parameter, before
 * any resource code or query runs. Like {@code IdFormatFilter} it runs after the authentication and role checks.
 */
public class ParameterCheck {

    /** The 400 answer for the first parameter at fault, or nothing. */
    @ServerRequestFilter
    public Optional<Response> checkParameters(UriInfo uri) {
        String problem = firstProblem("parameter", uri.getPathParameters());
        if (problem == null) {
            problem = firstProblem("query parameter", uri.getQueryParameters());
        }
        return problem == null ? Optional.empty()
                : Optional.of(ErrorMappers.response(GuardDutyException.badRequest(problem)));
    }

    private static String firstProblem(String kind, MultivaluedMap<String, String> parameters) {
        for (Map.Entry<String, List<String>> p : parameters.entrySet()) {
            String nameProblem = RequestInput.textProblem("the name of a " + kind, p.getKey());
            if (nameProblem != null) {
                return nameProblem;
            }
            String name = p.getKey();
            for (String value : p.getValue()) {
                String problem = RequestInput.textProblem(kind + " '" + name + "'", value);
                if (problem != null) {
                    return problem;
                }
            }
        }
        return null;
    }
}
