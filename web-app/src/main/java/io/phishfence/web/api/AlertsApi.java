package io.phishfence.web.api;

import io.phishfence.events.AlertRaised;
import io.phishfence.web.alert.StoredAlert;
import io.phishfence.web.alert.webhook.StoredWebhookDelivery;
import io.phishfence.web.api.token.ApiTokenAuthentication;
import io.phishfence.web.domain.DomainNames;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** The tenant's alerts, as web-app stored them from phishfence.alerts (the same list as the Alerts page). */
@Path("/api/v1/alerts")
@RolesAllowed(ApiTokenAuthentication.ROLE)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Alerts")
@SecurityRequirement(name = TenantApi.SECURITY_SCHEME)
public class AlertsApi {

    /**
     * One raised or resolved alert.
     *
     * @param kind {@code raised} or {@code resolved}
     * @param rule failure-spike, new-failure-type, sender-wide-failure, reports-stopped or check-regression
     * @param notice {@code mail} (e-mailed to the members), {@code cooldown} (a like alert was e-mailed recently)
     *        or {@code silent}
     * @param webhook its POST to the tenant's webhook, or null when it was not posted
     */
    public record AlertView(UUID id, String alertId, String kind, String domain, String rule, String subject,
            String severity, String title, String summary, List<AlertRaised.Evidence> evidence, String advice,
            Instant occurredAt, Instant receivedAt, String notice, WebhookDeliveryView webhook) {

        static AlertView of(StoredAlert alert, StoredWebhookDelivery webhook) {
            return new AlertView(alert.id, alert.alertId, alert.kind, alert.domain, alert.rule, alert.subject,
                    alert.severity, alert.title, alert.summary, alert.evidence(), alert.advice, alert.occurredAt,
                    alert.receivedAt, alert.notice, webhook == null ? null : WebhookDeliveryView.of(webhook));
        }
    }

    /**
     * An alert's POST to the tenant's webhook (the URL itself is a secret and never shown).
     *
     * @param status {@code pending} (to send, or to retry), {@code sent}, {@code failed} (refused for good) or
     *        {@code cancelled} (the webhook was removed or disabled first)
     * @param httpStatus the status of the endpoint's last answer, if one came
     */
    public record WebhookDeliveryView(String status, int attempts, Integer httpStatus, String lastError,
            Instant sentAt, Instant nextAttemptAt) {

        static WebhookDeliveryView of(StoredWebhookDelivery delivery) {
            return new WebhookDeliveryView(delivery.status, delivery.attempts, delivery.lastStatus, delivery.lastError,
                    delivery.sentAt, delivery.nextAttemptAt);
        }
    }

    @GET
    @Transactional
    @Operation(summary = "The tenant's alerts, newest first",
            description = "Failure spikes, new failure types, sender-wide failures, reports that stopped and check "
                    + "regressions, raised and resolved, as monitor-service published them. " + Paging.DESCRIPTION)
    public RestResponse<List<AlertView>> list(
            @Parameter(description = "only this domain's alerts (U-label or A-label)") @QueryParam("domain") String domain,
            @Parameter(description = Paging.LIMIT) @QueryParam("limit") Integer limit,
            @Parameter(description = Paging.OFFSET) @QueryParam("offset") Integer offset, @Context UriInfo request) {
        Paging paging = Paging.of(limit, offset);
        String aLabel = domain == null || domain.isBlank() ? null
                : DomainNames.toALabel(domain).orElseThrow(() -> Problem.badRequest("not a domain name: " + domain));
        var alerts = StoredAlert.recent(aLabel, paging.offset(), paging.fetch());
        var webhook = StoredWebhookDelivery.byAlert(alerts.stream().map(a -> a.id).toList());
        return paging.respond(alerts.stream().map(a -> AlertView.of(a, webhook.get(a.id))).toList(), request);
    }
}
