package dev.vigil.findings.rest;

import dev.vigil.findings.service.TagService;
import dev.vigil.web.TenantContext;
import dev.vigil.web.tags.TagOperations;
import jakarta.ws.rs.Path;

/**
 * GuardDuty's tag operations ({@link TagOperations}) on the resources findings-service owns: filters and publishing
 * destinations. The gateway sends here the ARNs whose third element starts with {@code f} or {@code p}
 * ({@code filter}, {@code publishingDestination}); ARNs of accounts-service's resources name nothing here.
 */
@Path(TagOperations.PATH)
public class TagsResource extends TagOperations {

    public TagsResource(TenantContext tenant, TagService service) {
        super(tenant, service);
    }
}
