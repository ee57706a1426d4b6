package io.phishfence.web.alert.webhook;

import io.phishfence.web.account.Roles;
import io.phishfence.web.secret.SecretBox;
import io.phishfence.web.tenant.TenantContext;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Settings → Webhook: the tenant's Slack-compatible webhook. Owners set, test and remove it (it posts in the
 * organization's name to a place of its choosing, like an extra alert address); members see it, masked. The URL is
 * never shown back, not even to owners: a blank URL field keeps the stored one.
 */
@Path("/settings/webhook")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class WebhookResource {

    private static final String PAGE = "/settings/webhook";

    @CheckedTemplate
    static class Templates {
        /**
         * @param outcome the test message's result, or null
         * @param error why a change was refused, or null
         */
        static native TemplateInstance webhook(Webhooks.WebhookView webhook, List<String> severities, boolean owner,
                String outcome, boolean delivered, String error);
    }

    private final Webhooks webhooks;
    private final TenantContext tenant;
    private final SecurityIdentity identity;

    WebhookResource(Webhooks webhooks, TenantContext tenant, SecurityIdentity identity) {
        this.webhooks = webhooks;
        this.tenant = tenant;
        this.identity = identity;
    }

    @GET
    public TemplateInstance show() {
        return page(null, false, null);
    }

    @POST
    @RolesAllowed(Roles.OWNER)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response save(@FormParam("url") String url, @FormParam("enabled") String enabled,
            @FormParam("severity") List<String> severities) {
        try {
            webhooks.save(tenant.get(), url, enabled != null, Set.copyOf(severities == null ? List.of() : severities),
                    identity.getPrincipal().getName());
        } catch (Webhooks.WebhookException e) {
            return Response.status(Response.Status.BAD_REQUEST).entity(page(null, false, e.getMessage())).build();
        }
        return Response.seeOther(URI.create(PAGE)).build();
    }

    @POST
    @Path("remove")
    @RolesAllowed(Roles.OWNER)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response remove() {
        webhooks.remove(tenant.get());
        return Response.seeOther(URI.create(PAGE)).build();
    }

    /** Posts a test message to the stored URL now and shows what the endpoint answered. */
    @POST
    @Path("test")
    @RolesAllowed(Roles.OWNER)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response test() {
        Optional<Webhooks.TestSent> sent;
        try {
            sent = webhooks.sendTest(tenant.get(), identity.getPrincipal().getName());
        } catch (SecretBox.UnreadableSecret e) {
            return Response.status(Response.Status.CONFLICT).entity(page(null, false, Webhooks.UNREADABLE_ADVICE))
                    .build();
        }
        if (sent.isEmpty()) {
            return Response.status(Response.Status.BAD_REQUEST).entity(page(null, false, "Save a webhook first."))
                    .build();
        }
        return Response.ok(page(sent.get().said(), sent.get().delivered(), null))
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    private TemplateInstance page(String outcome, boolean delivered, String error) {
        return Templates.webhook(webhooks.view(tenant.get()).orElse(null), Webhooks.SEVERITIES,
                identity.hasRole(Roles.OWNER), outcome, delivered, error);
    }
}
