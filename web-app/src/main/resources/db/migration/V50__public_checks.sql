-- One-off checks without an account (ADR 0010). Not tenant data: no tenant_id, and no tenant table refers to it.
-- The id is the capability to read the result (128 random bits, in the shareable URL); rows are deleted once
-- they expire. client_bucket is the requester's IPv4 address or IPv6 /64, kept only to count per-client limits.
create table public_check (
    id              text primary key,
    domain          text not null,
    client_bucket   text not null,
    requested_at    timestamptz not null,
    checked_at      timestamptz,
    duration_millis bigint,
    result_json     text
);
create index public_check_client on public_check (client_bucket, requested_at);
create index public_check_requested on public_check (requested_at);
