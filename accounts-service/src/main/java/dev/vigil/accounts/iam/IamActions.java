package dev.vigil.accounts.iam;

import dev.vigil.accounts.query.QueryError;
import dev.vigil.web.Caller;
import dev.vigil.web.sigv4.SigV4IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * IAM's Query-protocol actions for a principal's own access keys (form-encoded {@code Action=...&Version=2010-05-08}):
 * CreateAccessKey, ListAccessKeys, UpdateAccessKey, DeleteAccessKey, served on {@code POST /iam} ({@link IamResource})
 * and on the root path beside STS's actions ({@code sts.StsResource}, as the AWS SDK for Java posts IAM requests to
 * the endpoint's root), so the unmodified AWS CLI and SDKs manage keys with {@code --endpoint-url} (or
 * {@code AWS_ENDPOINT_URL_IAM}). Why IAM's API rather than a Vigil REST API: these operations are IAM's, and every
 * AWS tool already speaks them (CLI, boto3, SDKs, Terraform's {@code aws_iam_access_key}). The caller is any
 * authenticated principal with an account (bearer token or SigV4); it acts on its own keys only: a
 * {@code UserName} other than its own is answered like a missing user, another's key like a missing key.
 * Answers and errors in IAM's XML.
 */
@ApplicationScoped
public class IamActions {

    /** The actions served. */
    public static final Set<String> ACTIONS = Set.of("CreateAccessKey", "ListAccessKeys", "UpdateAccessKey",
            "DeleteAccessKey");

    /** IAM's accessKeyIdType: 16 to 128 word characters. */
    static final Pattern ACCESS_KEY_ID = Pattern.compile("\\w{16,128}");

    private final AccessKeyService service;
    private final SecurityIdentity identity;

    /** Creates the actions. */
    public IamActions(AccessKeyService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    /** The answer to one IAM request's form {@code params}. */
    public Uni<Response> handle(Map<String, String> params) {
        try {
            String action = params.getOrDefault("Action", "");
            AccessKeyService.Owner owner = owner(params.get("UserName"));
            Uni<String> answer = switch (action) {
                case "CreateAccessKey" -> service.create(owner).map(IamXml::created);
                case "ListAccessKeys" -> service.list(owner).map(keys -> IamXml.listed(owner.userName(), keys));
                case "UpdateAccessKey" -> service.update(owner, accessKeyId(params), status(params))
                        .replaceWith(IamXml.done("UpdateAccessKey"));
                case "DeleteAccessKey" -> service.delete(owner, accessKeyId(params))
                        .replaceWith(IamXml.done("DeleteAccessKey"));
                default -> throw new IamError(400, "InvalidAction", "Could not find operation "
                        + (action.isEmpty() ? "(no Action)" : action) + " for version 2010-05-08: Vigil's IAM "
                        + "serves CreateAccessKey, ListAccessKeys, UpdateAccessKey and DeleteAccessKey.");
            };
            return answer.map(xml -> Response.ok(xml, MediaType.TEXT_XML).build())
                    .onFailure(QueryError.class).recoverWithItem(e -> error((QueryError) e));
        } catch (QueryError e) {
            return Uni.createFrom().item(error(e));
        }
    }

    /** The caller as an owner of keys; {@code userName}, when given, must be its own. */
    private AccessKeyService.Owner owner(String userName) {
        if (identity == null || identity.isAnonymous()) {
            throw new IamError(403, "MissingAuthenticationToken", "Request is missing Authentication Token");
        }
        Caller caller = Caller.of(identity);
        String account = caller.account().orElseThrow(() -> new IamError(403, "AccessDenied",
                "The caller's identity names no account: it cannot own access keys."));
        if (userName != null && !userName.isEmpty() && !userName.equals(caller.name())) {
            throw new IamError(404, "NoSuchEntity", "The user with name " + userName + " cannot be found.");
        }
        String subject = identity.getPrincipal() instanceof JsonWebToken jwt ? jwt.getSubject()
                : identity.getAttribute(SigV4IdentityProvider.SUBJECT);
        return new AccessKeyService.Owner(account, caller.name(), subject, caller.roles());
    }

    private static String accessKeyId(Map<String, String> params) {
        String id = params.get("AccessKeyId");
        if (id == null || id.isEmpty()) {
            throw new IamError(400, "MissingParameter", "The request must contain the parameter AccessKeyId.");
        }
        if (!ACCESS_KEY_ID.matcher(id).matches()) {
            throw new IamError(400, "ValidationError", "1 validation error detected: Value at 'accessKeyId' failed "
                    + "to satisfy constraint: Member must have length between 16 and 128 and match pattern [\\w]+");
        }
        return id;
    }

    private static String status(Map<String, String> params) {
        String status = params.get("Status");
        if (status == null || status.isEmpty()) {
            throw new IamError(400, "MissingParameter", "The request must contain the parameter Status.");
        }
        if (!status.equals("Active") && !status.equals("Inactive")) {
            throw new IamError(400, "ValidationError", "1 validation error detected: Value at 'status' failed to "
                    + "satisfy constraint: Member must satisfy enum value set: [Active, Inactive]");
        }
        return status;
    }

    private static Response error(QueryError e) {
        IamError iam = e instanceof IamError i ? i : new IamError(e.status(), e.code(), e.getMessage());
        return Response.status(iam.status()).type(MediaType.TEXT_XML).entity(IamXml.error(iam)).build();
    }
}
