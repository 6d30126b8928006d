package dev.vigil.accounts.iam;

import dev.vigil.accounts.query.QueryForms;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * IAM's endpoint {@code POST /iam} (and {@code /iam/}) for {@link IamActions}: {@code AWS_ENDPOINT_URL_IAM} or
 * {@code --endpoint-url http://<accounts>/iam}. Why IAM's API rather than a Vigil REST API: creating, listing,
 * deactivating and deleting access keys are IAM operations, and every AWS tool already speaks them (CLI, boto3,
 * SDKs, Terraform's {@code aws_iam_access_key}).
 */
@Path("/iam{slash: /?}")
@PermitAll
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
@Produces(MediaType.TEXT_XML)
public class IamResource {

    private final IamActions actions;

    /** Creates the resource. */
    public IamResource(IamActions actions) {
        this.actions = actions;
    }

    /** One IAM request. */
    @POST
    public Uni<Response> handle(String body) {
        return actions.handle(QueryForms.params(body));
    }
}
