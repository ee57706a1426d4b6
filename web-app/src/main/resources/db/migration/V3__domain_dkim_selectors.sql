-- The DKIM selectors a tenant signs a domain's mail with (the s= of its DKIM-Signature headers). DNS cannot list
-- them, so the tenant tells us; monitor-service checks the key of each. Lower case, validated by the web app.
alter table domain add column dkim_selectors text[] not null default '{}';
