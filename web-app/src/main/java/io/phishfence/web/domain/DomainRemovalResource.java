package io.phishfence.web.domain;

import io.phishfence.web.account.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/**
 * Removing a domain, owner-only (ADR 0008): a page that says what removal does, whose button (a form with a
 * CSRF token, so no JavaScript is needed) removes it. Checks stop and ingest refuses its reports; the reports
 * stored so far are kept but hidden, and show again if the domain is added back (ADR 0011).
 */
@Path("/domains/{name}/remove")
@RolesAllowed(Roles.OWNER)
@Produces(MediaType.TEXT_HTML)
public class DomainRemovalResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance confirm(Domain domain, long reports);
    }

    private final DomainService domains;

    DomainRemovalResource(DomainService domains) {
        this.domains = domains;
    }

    @GET
    @Transactional
    public TemplateInstance confirm(@PathParam("name") String name) {
        Domain domain = owned(name);
        return Templates.confirm(domain, domains.reportCount(domain.name));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response remove(@PathParam("name") String name) {
        if (!domains.remove(owned(name).name)) {
            throw new NotFoundException();
        }
        return Response.seeOther(URI.create("/domains")).build();
    }

    private Domain owned(String name) {
        return domains.findOwned(name).orElseThrow(NotFoundException::new);
    }
}
