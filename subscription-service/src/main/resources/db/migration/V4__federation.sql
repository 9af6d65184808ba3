-- Organisation SSO by e-mail domain, as enterprise-service announces it (sso.configured): where logins of a domain
-- go, and whether passwords are refused for it. The client secret is never stored here; a login fetches it from
-- enterprise-service's internal API.
create table sso_domains (
    email_domain    text        primary key check (email_domain = lower(email_domain)),
    organisation_id uuid        not null,
    issuer          text        not null,
    client_id       text        not null,
    enforced        boolean     not null,
    enabled         boolean     not null,
    event_time      timestamptz not null,
    updated_at      timestamptz not null
);
create index sso_domains_organisation on sso_domains (organisation_id) where enabled;

-- federated_identities.provider holds the identity provider's issuer URL: (iss, sub) is what OIDC promises is stable.
comment on column federated_identities.provider is 'issuer URL of the identity provider';
