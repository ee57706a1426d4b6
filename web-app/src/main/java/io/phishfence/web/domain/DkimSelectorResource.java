package io.phishfence.web.domain;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
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
 * The DKIM selectors of one of the tenant's domains. The domain page carries the form; this page shows it again
 * with the reason when the input is refused.
 */
@Path("/domains/{name}/dkim")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class DkimSelectorResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance edit(Domain domain, String error, String input);
    }

    private final DomainService domains;

    DkimSelectorResource(DomainService domains) {
        this.domains = domains;
    }

    @GET
    @Transactional
    public TemplateInstance edit(@PathParam("name") String name) {
        Domain domain = domains.findOwned(name).orElseThrow(NotFoundException::new);
        return Templates.edit(domain, null, String.join(" ", domain.dkimSelectors));
    }

    @POST
    @Transactional
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response save(@PathParam("name") String name, @FormParam("selectors") String input) {
        Domain domain = domains.findOwned(name).orElseThrow(NotFoundException::new);
        var selectors = DkimSelectors.parse(input);
        if (selectors.isEmpty()) {
            return Response.status(Response.Status.BAD_REQUEST).entity(Templates.edit(domain, "Selectors are DNS "
                    + "names such as google or selector1, separated by spaces or commas, at most "
                    + DkimSelectors.MAXIMUM + ".", input)).build();
        }
        domains.setDkimSelectors(domain, selectors.get());
        return Response.seeOther(UriBuilder.fromPath("/domains/{name}").build(domain.name)).build();
    }
}
