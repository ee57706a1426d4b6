package io.phishfence.web.publiccheck;

import io.phishfence.events.DomainChecked;
import io.phishfence.events.EventJson;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.IDN;
import java.time.Instant;
import java.util.List;

/**
 * A one-off check anyone asked for (ADR 0010). Deliberately not tenant-scoped: it belongs to nobody, holds only
 * what anyone can learn from public DNS, and is found by its unguessable id alone.
 */
@Entity
@Table(name = "public_check")
public class PublicCheck extends PanacheEntityBase {

    @Id
    public String id;

    public String domain;

    @Column(name = "client_bucket")
    public String clientBucket;

    @Column(name = "requested_at")
    public Instant requestedAt;

    /** The DKIM selectors asked for, separated by spaces; empty for none. */
    @Column(name = "dkim_selectors")
    public String dkimSelectors = "";

    @Column(name = "checked_at")
    public Instant checkedAt;

    @Column(name = "duration_millis")
    public Long durationMillis;

    @Column(name = "result_json")
    public String resultJson;

    public boolean done() {
        return resultJson != null;
    }

    /** The DKIM selectors asked for, in the order typed. */
    public List<String> selectors() {
        return dkimSelectors.isEmpty() ? List.of() : List.of(dkimSelectors.split(" "));
    }

    /** The selectors for a query string: comma-separated (selectors are letters, digits, '-' and '.'). */
    public String selectorsParameter() {
        return String.join(",", selectors());
    }

    /** The domain as people read it (U-label). */
    public String displayName() {
        return IDN.toUnicode(domain, IDN.ALLOW_UNASSIGNED);
    }

    /** The components and findings, as the domain page shows a tenant's. */
    public List<DomainChecked.Component> components() {
        try {
            return List.of(EventJson.mapper().readValue(resultJson, DomainChecked.Component[].class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
