-- A domain's own failure-spike thresholds, set by an owner on the domain page (ADR 0014) and announced with the
-- domain on phishfence.domains. All null: the monitor's defaults. Either all four are set or none; the web app
-- keeps them within the bounds of events' FailureSpikeThresholds.
alter table domain
    add column spike_min_failed    bigint,
    add column spike_factor        double precision,
    add column spike_min_points    double precision,
    add column spike_baseline_days integer,
    add constraint domain_spike_all_or_none check (
        (spike_min_failed is null) = (spike_factor is null)
        and (spike_factor is null) = (spike_min_points is null)
        and (spike_min_points is null) = (spike_baseline_days is null));
