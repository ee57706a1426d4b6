-- A tenant's Slack-compatible webhook (issue 6, ADR 0012). The URL is a secret (Slack's carries a token): it is
-- shown masked, never logged, never published, never returned by the API.
create table alert_webhook (
    tenant_id   text primary key references tenant (id),
    url         text not null,
    enabled     boolean not null,
    -- comma-separated severities of raised alerts that are posted (warning, critical)
    severities  text not null,
    updated_by  text not null,
    updated_at  timestamptz not null
);

-- One POST of an alert to the tenant's webhook, stored with the alert like its e-mails (alert_delivery), sent from
-- here: pending (to send, or to retry), sent, failed (the endpoint refused it for good, or the URL is not allowed),
-- cancelled (the webhook was removed or disabled before it went out).
create table alert_webhook_delivery (
    id               uuid primary key,
    seq              bigserial not null,
    tenant_id        text not null references tenant (id),
    alert_ref        uuid not null references alert (id),
    status           text not null,
    attempts         integer not null default 0,
    next_attempt_at  timestamptz,
    last_status      integer,
    last_error       text,
    sent_at          timestamptz,
    unique (alert_ref)
);
create index alert_webhook_delivery_due on alert_webhook_delivery (next_attempt_at, seq) where status = 'pending';
