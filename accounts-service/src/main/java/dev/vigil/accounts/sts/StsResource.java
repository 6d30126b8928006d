package dev.vigil.accounts.sts;

import dev.vigil.accounts.iam.IamActions;
import dev.vigil.accounts.query.QueryForms;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * STS's Query protocol on {@code POST /} and {@code POST /sts} (form-encoded {@code Action=...&Version=2011-06-15}),
 * so {@code AWS_ENDPOINT_URL_STS} can point at accounts-service: AssumeRoleWithWebIdentity (unsigned, as AWS's)
 * and GetCallerIdentity (signed with signing name {@code sts}, or a bearer token). Answers and errors in STS's XML.
 * IAM's access-key actions ({@link IamActions}) are answered here too, as the AWS SDK for Java posts IAM's Query
 * requests to the endpoint's root whatever path its endpoint override has.
 */
@Path("/")
@PermitAll
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
@Produces(MediaType.TEXT_XML)
public class StsResource {

    private final SecurityTokenService sts;
    private final SecurityIdentity identity;
    private final IamActions iam;

    /** Creates the resource. */
    public StsResource(SecurityTokenService sts, SecurityIdentity identity, IamActions iam) {
        this.sts = sts;
        this.identity = identity;
        this.iam = iam;
    }

    /** STS at the root path. */
    @POST
    public Uni<Response> root(String body) {
        return handle(body);
    }

    /** STS at {@code /sts}. */
    @POST
    @Path("sts")
    public Uni<Response> sts(String body) {
        return handle(body);
    }

    private Uni<Response> handle(String body) {
        try {
            Map<String, String> params = QueryForms.params(body);
            String action = params.getOrDefault("Action", "");
            return switch (action) {
                case "AssumeRoleWithWebIdentity" -> sts.assumeRoleWithWebIdentity(params)
                        .map(issued -> ok(StsXml.assumed(issued)))
                        .onFailure(StsError.class).recoverWithItem(e -> error((StsError) e));
                case "GetCallerIdentity" -> Uni.createFrom().item(ok(StsXml.callerIdentity(sts.callerIdentity(identity))));
                default -> IamActions.ACTIONS.contains(action) ? iam.handle(params)
                        : Uni.createFrom().item(error(new StsError(400, "InvalidAction", "Could not find operation "
                                + (action.isEmpty() ? "(no Action)" : action) + " for version 2011-06-15: Vigil's STS "
                                + "serves AssumeRoleWithWebIdentity and GetCallerIdentity.")));
            };
        } catch (StsError e) {
            return Uni.createFrom().item(error(e));
        }
    }

    private static Response ok(String xml) {
        return Response.ok(xml, MediaType.TEXT_XML).build();
    }

    private static Response error(StsError e) {
        return Response.status(e.status()).type(MediaType.TEXT_XML).entity(StsXml.error(e)).build();
    }
}
