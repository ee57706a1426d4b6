-- Accounts verify their e-mail address before they can log in, and have a role in their tenant.
-- Accounts that exist already predate verification: they count as verified from their creation.
alter table account add column verified_at timestamptz;
update account set verified_at = created_at;
alter table account add column role text not null default 'owner' check (role in ('owner', 'member'));
alter table account alter column role drop default;

-- Single-use, expiring secrets sent by e-mail (verify the address, reset the password). Only the SHA-256 of
-- the secret is stored, so a copy of this table cannot be turned into working links.
create table account_token (
    id          uuid primary key,
    account_id  uuid not null references account (id) on delete cascade,
    purpose     text not null check (purpose in ('verify', 'reset')),
    token_hash  text not null unique,
    created_at  timestamptz not null,
    expires_at  timestamptz not null,
    used_at     timestamptz
);
create index account_token_account on account_token (account_id, purpose);

-- An owner's invitation of a person (by e-mail) into the tenant; accepted once through the link it carried.
create table invitation (
    id          uuid primary key,
    tenant_id   text not null references tenant (id) on delete cascade,
    email       text not null,
    role        text not null check (role in ('owner', 'member')),
    token_hash  text not null unique,
    invited_by  uuid not null references account (id) on delete cascade,
    created_at  timestamptz not null,
    expires_at  timestamptz not null,
    accepted_at timestamptz
);
create index invitation_tenant on invitation (tenant_id, created_at desc);
