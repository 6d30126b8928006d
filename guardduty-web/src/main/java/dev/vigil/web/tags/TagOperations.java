package dev.vigil.web.tags;

import dev.vigil.web.TenantContext;
import dev.vigil.web.tags.TagDtos.ListTagsForResourceResponse;
import dev.vigil.web.input.JsonBodies;
import io.quarkus.security.ForbiddenException;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * GuardDuty's tag operations (TagResource, UntagResource, ListTagsForResource) on {@code /tags/{ResourceArn}}
 * (and {@code /{region}/tags/...}), written once for every service that owns taggable resources: a service declares
 * {@code @Path(TagOperations.PATH) class TagsResource extends TagOperations} over its own {@link TagStore}. The ARN
 * arrives percent-encoded (the AWS CLI and SDKs encode ':' and '/' as %3A and %2F) or plain; JAX-RS decodes it.
 * TagResource reads its body ({@code {"tags": {...}}}, values strings) whatever its Content-Type, as findings-service
 * reads every body, so a call without one gets the security check's or the operation's answer, never a 415.
 *
 * <p>Order of checks: role ({@code @RolesAllowed}: changing tags needs the role that changes the resource, admin;
 * listing them a role that reads it, admin or analyst), then the request's members ({@link Tags}), then the ARN: it
 * must name a resource of the caller's account (from the credential, never from the ARN) in the request's region,
 * else {@link Tags#resourceNotFound()}, the one answer for a malformed ARN, another tenant's resource and a missing
 * one. A publishing destination is read by admins only (DescribePublishingDestination), so listing its tags is too.
 * Answers: TagResource and UntagResource 204 without body (the model's {@code responseCode}); ListTagsForResource
 * 200 {@code {"tags": {...}}}.
 */
@Produces(MediaType.APPLICATION_JSON)
public abstract class TagOperations {

    /** The path of the operations, with the ARN as one parameter that may span '/'. */
    public static final String PATH = "/tags/{resourceArn: .+}";

    private final TenantContext tenant;
    private final TagStore store;

    /** The operations for the request's {@code tenant} over the service's {@code store}. */
    protected TagOperations(TenantContext tenant, TagStore store) {
        this.tenant = tenant;
        this.store = store;
    }

    /** TagResource: POST /tags/{ResourceArn} with {@code {"tags": {...}}}; 204. */
    @POST
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed("admin")
    public Uni<Response> tagResource(@PathParam("resourceArn") String resourceArn, String body) {
        var tags = Tags.forTagResource(Tags.fromJson(JsonBodies.object(body).get("tags")));
        return store.change(tenant.accountId(), tenant.region(), resolve(resourceArn), existing -> Tags.add(existing, tags)).map(x -> Response.noContent().build());
    }

    /** UntagResource: DELETE /tags/{ResourceArn}?tagKeys=a&amp;tagKeys=b; 204. */
    @DELETE
    @RolesAllowed("admin")
    public Uni<Response> untagResource(@PathParam("resourceArn") String resourceArn,
            @QueryParam("tagKeys") List<String> tagKeys) {
        var keys = Tags.forUntagResource(tagKeys);
        return store.change(tenant.accountId(), tenant.region(), resolve(resourceArn), existing -> Tags.remove(existing, keys)).map(x -> Response.noContent().build());
    }

    /** ListTagsForResource: GET /tags/{ResourceArn}; {@code {"tags": {...}}}. */
    @GET
    @RolesAllowed({"admin", "analyst"})
    public Uni<ListTagsForResourceResponse> listTagsForResource(@PathParam("resourceArn") String resourceArn) {
        ResourceArn arn = resolve(resourceArn);
        if (arn.type() == ResourceArn.Type.PUBLISHING_DESTINATION && !tenant.hasRole("admin")) {
            throw new ForbiddenException(); // the same 403 as a role check
        }
        return store.list(tenant.accountId(), tenant.region(), arn).map(ListTagsForResourceResponse::new);
    }

    private ResourceArn resolve(String resourceArn) {
        return Tags.resolve(resourceArn, tenant.accountId(), tenant.region());
    }
}
