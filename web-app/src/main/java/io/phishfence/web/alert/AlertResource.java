package io.phishfence.web.alert;

import io.phishfence.web.alert.webhook.StoredWebhookDelivery;
import io.phishfence.web.domain.DomainNames;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.stream.Collectors;

/** The current tenant's alert history, or one domain's: what was raised, who was e-mailed or posted, what failed. */
@Path("/alerts")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class AlertResource {

    private static final int LIMIT = 200;

    /** An alert with its e-mails, and its POST to the tenant's webhook (null if none). */
    public record Entry(StoredAlert alert, List<StoredDelivery> deliveries, StoredWebhookDelivery webhook) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance history(List<Entry> entries, String domain);
    }

    @GET
    @Transactional
    public TemplateInstance history(@QueryParam("domain") String domain) {
        String aLabel = domain == null || domain.isBlank() ? null : DomainNames.toALabel(domain).orElse(null);
        boolean unknownFilter = domain != null && !domain.isBlank() && aLabel == null;
        var alerts = unknownFilter ? List.<StoredAlert>of() : StoredAlert.recent(aLabel, LIMIT);
        var deliveries = StoredDelivery.of(alerts.stream().map(a -> a.id).toList()).stream()
                .collect(Collectors.groupingBy(d -> d.alertRef));
        var webhook = StoredWebhookDelivery.byAlert(alerts.stream().map(a -> a.id).toList());
        var entries = alerts.stream()
                .map(a -> new Entry(a, deliveries.getOrDefault(a.id, List.of()), webhook.get(a.id))).toList();
        return Templates.history(entries, aLabel);
    }
}
