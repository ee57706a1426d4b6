package io.phishfence.web.domain;

import io.phishfence.web.account.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

/**
 * How sensitive a domain's failure-spike alert is (ADR 0014): everyone in the tenant sees the rule in plain words
 * with the domain's numbers; owners change them or go back to the defaults. The domain page carries the form; this
 * page shows it again with the reasons when the input is refused.
 */
@Path("/domains/{name}/alert-sensitivity")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class AlertSensitivityResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance edit(Domain domain, SpikeThresholdsForm form);
    }

    private final DomainService domains;

    AlertSensitivityResource(DomainService domains) {
        this.domains = domains;
    }

    @GET
    @Transactional
    public TemplateInstance edit(@PathParam("name") String name) {
        Domain domain = owned(name);
        return Templates.edit(domain, SpikeThresholdsForm.spikeForm(domain));
    }

    @POST
    @Transactional
    @RolesAllowed(Roles.OWNER)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response save(@PathParam("name") String name, @FormParam("minFailed") String minFailed,
            @FormParam("factor") String factor, @FormParam("minPoints") String minPoints,
            @FormParam("baselineDays") String baselineDays) {
        Domain domain = owned(name);
        var input = SpikeThresholdsInput.parse(minFailed, factor, minPoints, baselineDays);
        if (!input.valid()) {
            return Response.status(Response.Status.BAD_REQUEST).entity(Templates.edit(domain,
                    new SpikeThresholdsForm(minFailed, factor, minPoints, baselineDays, input.problems()))).build();
        }
        domains.setSpikeThresholds(domain, input.thresholds());
        return backTo(domain);
    }

    @POST
    @Path("defaults")
    @Transactional
    @RolesAllowed(Roles.OWNER)
    public Response useDefaults(@PathParam("name") String name) {
        Domain domain = owned(name);
        domains.setSpikeThresholds(domain, null);
        return backTo(domain);
    }

    private Domain owned(String name) {
        return domains.findOwned(name).orElseThrow(NotFoundException::new);
    }

    private static Response backTo(Domain domain) {
        return Response.seeOther(UriBuilder.fromPath("/domains/{name}").fragment("alert-sensitivity")
                .build(domain.name)).build();
    }
}
