package io.phishfence.web.api;

import io.phishfence.web.account.Roles;
import io.phishfence.web.alert.webhook.Webhooks;
import io.phishfence.web.api.ApiViews.WebhookBody;
import io.phishfence.web.api.ApiViews.WebhookSettingsView;
import io.phishfence.web.api.ApiViews.WebhookTestView;
import io.phishfence.web.api.token.ApiTokenAuthentication;
import io.phishfence.web.secret.SecretBox;
import io.phishfence.web.tenant.TenantContext;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The tenant's Slack-compatible alert webhook (ADR 0012), as on Settings → Webhook. The URL is a secret: it can be
 * set, never read back.
 */
@Path("/api/v1/webhook")
@RolesAllowed(ApiTokenAuthentication.ROLE)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Alerts")
@SecurityRequirement(name = TenantApi.SECURITY_SCHEME)
public class WebhookApi {

    private final Webhooks webhooks;
    private final TenantContext tenant;
    private final SecurityIdentity identity;

    WebhookApi(Webhooks webhooks, TenantContext tenant, SecurityIdentity identity) {
        this.webhooks = webhooks;
        this.tenant = tenant;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "The webhook: its masked URL, whether it is enabled, the severities it gets",
            description = "404 when none is set. The URL itself is never returned.")
    public WebhookSettingsView get() {
        return view();
    }

    @PUT
    @RolesAllowed(Roles.OWNER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Sets the webhook",
            description = "Owner-only (403 otherwise). The URL must be https, without user name or fragment, and "
                    + "reach a public address; leave it out to keep the stored one. At least one severity "
                    + "(warning, critical). 400 with the reason otherwise.")
    public WebhookSettingsView set(WebhookBody body) {
        if (body == null) {
            throw Problem.badRequest("Send {\"url\": ..., \"enabled\": true, \"severities\": [\"warning\"]}.");
        }
        try {
            webhooks.save(tenant.get(), body.url(), body.enabled() == null || body.enabled(),
                    Set.copyOf(body.severities() == null ? List.of() : body.severities()),
                    identity.getPrincipal().getName());
        } catch (Webhooks.WebhookException e) {
            throw Problem.badRequest(e.getMessage());
        }
        return view();
    }

    @DELETE
    @RolesAllowed(Roles.OWNER)
    @Operation(summary = "Removes the webhook", description = "Owner-only. Posts not yet sent are cancelled. 204; "
            + "404 when none was set.")
    public Response remove() {
        if (!webhooks.remove(tenant.get())) {
            throw Problem.notFound("No webhook is set.");
        }
        return Response.noContent().build();
    }

    @POST
    @Path("test")
    @RolesAllowed(Roles.OWNER)
    @Operation(summary = "Posts a test message to the webhook now, and says what the endpoint answered",
            description = "Owner-only. 404 when no webhook is set; 409 when this server cannot read the stored URL "
                    + "(set it again).")
    public WebhookTestView test() {
        try {
            var sent = webhooks.sendTest(tenant.get(), identity.getPrincipal().getName())
                    .orElseThrow(() -> Problem.notFound("No webhook is set."));
            return new WebhookTestView(sent.delivered(), sent.httpStatus(), sent.said());
        } catch (SecretBox.UnreadableSecret e) {
            throw Problem.raise(Response.Status.CONFLICT, Webhooks.UNREADABLE_ADVICE);
        }
    }

    private WebhookSettingsView view() {
        var webhook = webhooks.view(tenant.get()).orElseThrow(() -> Problem.notFound("No webhook is set."));
        return new WebhookSettingsView(webhook.masked(), webhook.enabled(),
                Webhooks.SEVERITIES.stream().filter(webhook.severities()::contains).toList(), webhook.updatedBy(),
                webhook.updatedAt());
    }
}
