package dev.vigil.accounts.rest;

import dev.vigil.accounts.service.TagService;
import dev.vigil.web.TenantContext;
import dev.vigil.web.tags.TagOperations;
import jakarta.ws.rs.Path;

/**
 * GuardDuty's tag operations ({@link TagOperations}) on the resources accounts-service owns: detectors, IPSets,
 * ThreatIntelSets, ThreatEntitySets and TrustedEntitySets. The gateway sends ARNs of filters and publishing
 * destinations to findings-service; here they name nothing.
 */
@Path(TagOperations.PATH)
public class TagsResource extends TagOperations {

    public TagsResource(TenantContext tenant, TagService service) {
        super(tenant, service);
    }
}
