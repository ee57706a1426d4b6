package io.phishfence.web.alert;

import io.phishfence.events.AlertRaised;
import io.phishfence.events.EventJson;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/**
 * An alert as stored for the history: tenant-scoped, so {@link #recent} only ever shows the current tenant's
 * alerts (the API's {@code GET /api/v1/alerts} reads it the same way).
 */
@Entity
@Table(name = "alert")
public class StoredAlert extends PanacheEntityBase {

    @Id
    public UUID id;

    @TenantId
    @Column(name = "tenant_id")
    public String tenantId;

    /** The monitor's identity of the alert: tenant/domain/rule/subject/occurrence. */
    @Column(name = "alert_id")
    public String alertId;

    /** {@code raised} or {@code resolved}. */
    public String kind;

    public String domain;
    public String rule;
    public String subject;

    /** {@code warning}, {@code critical}, or {@code resolved}. */
    public String severity;

    public String title;
    public String summary;

    @Column(name = "evidence_json")
    public String evidenceJson;

    public String advice;

    @Column(name = "occurred_at")
    public Instant occurredAt;

    @Column(name = "received_at")
    public Instant receivedAt;

    /** {@code mail} (e-mailed to the members), {@code cooldown} (a like alert was e-mailed recently), {@code silent}. */
    public String notice;

    /**
     * The current tenant's latest alerts, newest first.
     *
     * @param domain an A-label to show only that domain's alerts, or null for all
     */
    public static List<StoredAlert> recent(String domain, int limit) {
        return recent(domain, 0, limit);
    }

    /** One page of {@link #recent(String, int)}: {@code count} alerts after the first {@code offset}. */
    public static List<StoredAlert> recent(String domain, int offset, int count) {
        var sort = Sort.descending("receivedAt").and("id");
        var query = domain == null ? findAll(sort) : find("domain", sort, domain);
        return query.range(offset, offset + count - 1).list();
    }

    public List<AlertRaised.Evidence> evidence() {
        return evidenceOf(evidenceJson);
    }

    /** The evidence of an alert row, from its {@code evidence_json}. */
    public static List<AlertRaised.Evidence> evidenceOf(String json) {
        try {
            return Arrays.asList(EventJson.mapper().readValue(json, AlertRaised.Evidence[].class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
