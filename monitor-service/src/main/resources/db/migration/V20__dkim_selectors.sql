-- The DKIM selectors the tenant lists for each domain (phishfence.domains, DomainUpserted.dkimSelectors), so that
-- whichever instance runs a check, scheduled or requested, knows which keys to look up. Empty: none listed.
alter table monitored_domain add column dkim_selectors text[] not null default '{}';
