package io.phishfence.web.alert;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** One e-mail of an alert to one member, as the history shows it. Tenant-scoped. */
@Entity
@Table(name = "alert_delivery")
public class StoredDelivery extends PanacheEntityBase {

    @Id
    public UUID id;

    @TenantId
    @Column(name = "tenant_id")
    public String tenantId;

    @Column(name = "alert_ref")
    public UUID alertRef;

    public String recipient;

    /**
     * {@code pending} (to send, or to retry), {@code sent}, {@code muted}, {@code digest} (waits for the recipient's
     * daily digest, or is in one not sent yet), or {@code cancelled} (the recipient left before it was sent).
     */
    public String status;

    public int attempts;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "sent_at")
    public Instant sentAt;

    /** The UTC day of the digest that lists it, once assembled; null for an e-mail of its own. */
    @Column(name = "digest_day")
    public LocalDate digestDay;

    public static List<StoredDelivery> of(Collection<UUID> alerts) {
        return alerts.isEmpty() ? List.of() : list("alertRef in ?1 order by recipient", alerts);
    }
}
