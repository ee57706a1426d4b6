-- The domain a person came to monitor ("Monitor this domain" on a public check's page), kept from sign-up
-- through the e-mailed verification link and the first log-in, so that the domains page has it ready to add.
-- An A-label, validated before it is stored; cleared once the person adds a domain.
alter table account add column pending_domain text;
