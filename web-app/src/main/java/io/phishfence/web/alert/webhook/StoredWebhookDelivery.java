package io.phishfence.web.alert.webhook;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hibernate.annotations.TenantId;

/** The POST of an alert to the tenant's webhook, as the history and the API show it. Tenant-scoped. */
@Entity
@Table(name = "alert_webhook_delivery")
public class StoredWebhookDelivery extends PanacheEntityBase {

    @Id
    public UUID id;

    @TenantId
    @Column(name = "tenant_id")
    public String tenantId;

    @Column(name = "alert_ref")
    public UUID alertRef;

    /** {@code pending} (to send, or to retry), {@code sent}, {@code failed} (for good) or {@code cancelled}. */
    public String status;

    public int attempts;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    /** The HTTP status of the last answer, if one came. */
    @Column(name = "last_status")
    public Integer lastStatus;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "sent_at")
    public Instant sentAt;

    /** The current tenant's webhook deliveries of these alerts, by alert. */
    public static Map<UUID, StoredWebhookDelivery> byAlert(Collection<UUID> alerts) {
        return alerts.isEmpty() ? Map.of() : StoredWebhookDelivery.<StoredWebhookDelivery>list("alertRef in ?1", alerts)
                .stream().collect(Collectors.toMap(d -> d.alertRef, Function.identity()));
    }
}
