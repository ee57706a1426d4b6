-- Addresses beyond the tenant's members that receive one domain's alerts (issue 6), added by an owner: a team
-- mailbox, an on-call rota, the mail provider's support. Each opts out of rules through alert_mute, like a member.
create table alert_recipient (
    tenant_id  text not null references tenant (id),
    domain     text not null,
    email      text not null,
    added_by   text not null,
    added_at   timestamptz not null,
    primary key (tenant_id, domain, email)
);
