package dev.vigil.findings.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.findings.service.FindingService;
import dev.vigil.findings.service.Renderings;
import dev.vigil.findings.service.Requests;
import dev.vigil.findings.service.SampleFindings;
import dev.vigil.web.GuardDutyException;
import dev.vigil.web.TenantContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * GuardDuty's findings operations (rest-json 1.1, paths and members as in the GuardDuty API model), served bare and
 * under {@code /{region}}. Bodies are read as text and parsed here so that any content type the SDKs send is
 * accepted and every malformed member gets a GuardDuty 400.
 */
@Path("/detector/{detectorId}/findings")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class FindingsResource {

    private final TenantContext tenant;
    private final FindingService findings;
    private final SampleFindings samples;

    public FindingsResource(TenantContext tenant, FindingService findings, SampleFindings samples) {
        this.tenant = tenant;
        this.findings = findings;
        this.samples = samples;
    }

    static Response ok(JsonNode body) {
        return Response.ok(body.toString(), MediaType.APPLICATION_JSON).build();
    }

    static Response empty() {
        return ok(JsonNodeFactory.instance.objectNode());
    }

    /** ListFindings. */
    @POST
    @RolesAllowed({"analyst", "admin"})
    public Response list(@PathParam("detectorId") String detectorId, String body) {
        return ok(findings.list(tenant.accountId(), tenant.region(), detectorId, Requests.body(body)));
    }

    /** GetFindings. */
    @POST
    @Path("/get")
    @RolesAllowed({"analyst", "admin"})
    public Response get(@PathParam("detectorId") String detectorId, String body) {
        return ok(findings.get(tenant.accountId(), tenant.region(), detectorId, Requests.body(body)));
    }

    /** GetFindingsStatistics. */
    @POST
    @Path("/statistics")
    @RolesAllowed({"analyst", "admin"})
    public Response statistics(@PathParam("detectorId") String detectorId, String body) {
        return ok(findings.statistics(tenant.accountId(), tenant.region(), detectorId, Requests.body(body)));
    }

    /** ArchiveFindings. */
    @POST
    @Path("/archive")
    @RolesAllowed("admin")
    public Response archive(@PathParam("detectorId") String detectorId, String body) {
        findings.archive(tenant.accountId(), tenant.region(), detectorId, Requests.body(body), true);
        return empty();
    }

    /** UnarchiveFindings. */
    @POST
    @Path("/unarchive")
    @RolesAllowed("admin")
    public Response unarchive(@PathParam("detectorId") String detectorId, String body) {
        findings.archive(tenant.accountId(), tenant.region(), detectorId, Requests.body(body), false);
        return empty();
    }

    /** UpdateFindingsFeedback. */
    @POST
    @Path("/feedback")
    @RolesAllowed({"analyst", "admin"})
    public Response feedback(@PathParam("detectorId") String detectorId, String body) {
        findings.feedback(tenant.accountId(), tenant.region(), detectorId, Requests.body(body));
        return empty();
    }

    /**
     * Vigil extension: finding {@code findingId} rendered as ASFF ({@code format=asff}) or as an OCSF Detection
     * Finding ({@code format=ocsf}); a finding that is not visible is answered like a missing one.
     */
    @GET
    @Path("/{findingId}/{format: asff|ocsf}")
    @RolesAllowed({"analyst", "admin"})
    public Response render(@PathParam("detectorId") String detectorId, @PathParam("findingId") String findingId,
            @PathParam("format") String format) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putArray("findingIds").add(findingId);
        var found = findings.get(tenant.accountId(), tenant.region(), detectorId, body).get("findings");
        if (found.isEmpty()) {
            throw GuardDutyException.badRequest("The request is rejected because the input findingId does not exist.");
        }
        return ok("asff".equals(format) ? Renderings.asff(found.get(0)) : Renderings.ocsf(found.get(0)));
    }

    /** CreateSampleFindings. */
    @POST
    @Path("/create")
    @RolesAllowed("admin")
    public Response createSamples(@PathParam("detectorId") String detectorId, String body) {
        JsonNode json = Requests.body(body);
        samples.create(tenant.accountId(), tenant.region(), detectorId, Requests.strings(json, "findingTypes", 50, false));
        return empty();
    }
}
