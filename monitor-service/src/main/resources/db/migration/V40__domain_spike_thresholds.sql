-- A domain's own failure-spike thresholds, as its latest domain.upserted carries them (ADR 0014). All null: the
-- configured defaults (phishfence.monitor.alerts.spike.*). Either all four are set or none.
alter table monitored_domain
    add column spike_min_failed    bigint,
    add column spike_factor        double precision,
    add column spike_min_points    double precision,
    add column spike_baseline_days integer,
    add constraint monitored_domain_spike_all_or_none check (
        (spike_min_failed is null) = (spike_factor is null)
        and (spike_factor is null) = (spike_min_points is null)
        and (spike_min_points is null) = (spike_baseline_days is null));
