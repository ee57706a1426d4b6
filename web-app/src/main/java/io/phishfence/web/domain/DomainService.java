package io.phishfence.web.domain;

import io.phishfence.events.CheckRequested;
import io.phishfence.events.DomainUpserted;
import io.phishfence.events.FailureSpikeThresholds;
import io.phishfence.events.Topics;
import io.phishfence.web.outbox.Outbox;
import io.phishfence.web.tenant.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import io.phishfence.web.check.DomainCheck;
import io.phishfence.web.report.StoredReport;
import java.time.Instant;
import java.util.Optional;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Adding domains to the current tenant, announced on {@link Topics#DOMAINS} through the outbox. */
@ApplicationScoped
public class DomainService {

    private final TenantContext tenant;
    private final Outbox outbox;

    DomainService(TenantContext tenant, Outbox outbox) {
        this.tenant = tenant;
        this.outbox = outbox;
    }

    /**
     * Adds a domain; adding one the tenant has already is not an error.
     *
     * @param name an A-label, as {@link DomainNames#toALabel} makes it
     */
    @Transactional
    public Domain add(String name) {
        var existing = Domain.findByName(name);
        if (existing.isPresent()) {
            return existing.get();
        }
        var domain = new Domain();
        domain.id = UUID.randomUUID();
        domain.name = name;
        domain.createdAt = Instant.now();
        domain.persist();
        announce(domain);
        return domain;
    }

    /**
     * The current tenant's domain of that name, typed as a person types it (U-label or A-label, any case).
     * Another tenant's domain is as absent as one that does not exist.
     */
    @Transactional
    public Optional<Domain> findOwned(String name) {
        return DomainNames.toALabel(name).flatMap(Domain::findByName);
    }

    /**
     * Removes the current tenant's domain and its latest check, and tells the other services (a tombstone on
     * the compacted domains topic): ingest then refuses its reports, monitor stops checking it. Stored reports
     * stay, hidden, and show again if the domain is added back (ADR 0011).
     *
     * @return false when the tenant has no such domain
     */
    @Transactional
    public boolean remove(String name) {
        Optional<Domain> domain = Domain.findByName(name);
        if (domain.isEmpty()) {
            return false;
        }
        domain.get().delete();
        DomainCheck.latestFor(name).ifPresent(DomainCheck::delete);
        outbox.addTombstone(Topics.DOMAINS, Topics.domainKey(tenant.get(), name));
        return true;
    }

    /** How many reports the current tenant has stored for the domain (what a removal hides). */
    @Transactional
    public long reportCount(String name) {
        return StoredReport.count("policyDomain", name);
    }

    /**
     * Replaces the DKIM selectors of one of the current tenant's domains and announces them, so that
     * monitor-service checks their keys.
     *
     * @param selectors as {@link DkimSelectors#parse} returns them
     */
    @Transactional
    public void setDkimSelectors(Domain domain, List<String> selectors) {
        domain.dkimSelectors = new ArrayList<>(selectors);
        announce(domain);
    }

    /**
     * Sets the failure-spike thresholds of one of the current tenant's domains, or makes it follow the defaults,
     * and announces them, so that monitor-service judges its reports by them (ADR 0014).
     *
     * @param thresholds within {@link FailureSpikeThresholds}' bounds, or null for the defaults
     */
    @Transactional
    public void setSpikeThresholds(Domain domain, FailureSpikeThresholds thresholds) {
        if (thresholds != null && !thresholds.withinBounds()) {
            throw new IllegalArgumentException("thresholds out of bounds: " + thresholds);
        }
        domain.setOwnSpikeThresholds(thresholds);
        announce(domain);
    }

    /**
     * The domain as it is now, on the compacted topic. {@code occurredAt} stays the creation time: compaction
     * keeps only the latest message, and monitor-service reads it as when the domain was added.
     */
    private void announce(Domain domain) {
        var event = DomainUpserted.of(tenant.get(), domain.name, domain.createdAt, domain.dkimSelectors,
                domain.ownSpikeThresholds().orElse(null));
        outbox.add(Topics.DOMAINS, event.key(), event);
    }

    /** Asks monitor-service to check the current tenant's domain now. */
    @Transactional
    public void requestCheck(String name) {
        var request = CheckRequested.of(tenant.get(), name, Instant.now());
        outbox.add(Topics.CHECK_REQUESTS, request.key(), request);
    }
}
