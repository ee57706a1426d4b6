package io.phishfence.web.alert.digest;

import io.phishfence.web.account.Emails;
import io.phishfence.web.tenant.TenantContext;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

/**
 * Settings → alert e-mails: the signed-in member chooses, for themselves, between alert e-mails as they happen and a
 * daily digest (ADR 0013). The same choice is on each domain's alert-recipients page; this is where a member looks
 * for it without a domain in mind, and where the footer of every digest leads.
 */
@Path("/settings/alert-emails")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class DeliveryModeResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance choose(String email, String mode, int hour, boolean saved);
    }

    private final DeliveryModes modes;
    private final DigestConfig config;
    private final TenantContext tenant;
    private final SecurityIdentity identity;

    DeliveryModeResource(DeliveryModes modes, DigestConfig config, TenantContext tenant, SecurityIdentity identity) {
        this.modes = modes;
        this.config = config;
        this.tenant = tenant;
        this.identity = identity;
    }

    @GET
    public TemplateInstance show(@QueryParam("saved") boolean saved) {
        return Templates.choose(me(), modes.mode(tenant.get(), me()), config.hour(), saved);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response choose(@FormParam("mode") String mode) {
        if (!DeliveryModes.isMode(mode)) {
            throw new BadRequestException("mode is immediate or digest");
        }
        modes.set(tenant.get(), me(), mode);
        return Response.seeOther(UriBuilder.fromPath("/settings/alert-emails").queryParam("saved", true).build())
                .build();
    }

    private String me() {
        return Emails.normalize(identity.getPrincipal().getName());
    }
}
