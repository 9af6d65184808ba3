-- SSO per organisation: OIDC issuer, client id, the client secret encrypted (AES-256-GCM, key from the environment)
-- and the e-mail domain whose logins it takes over, once the organisation has proven it owns the domain.
create table sso_configurations (
    organisation_id          uuid primary key references organisations (id),
    issuer                   text        not null check (length(issuer) <= 300),
    client_id                text        not null check (length(client_id) between 1 and 200),
    client_secret_ciphertext text        not null,
    email_domain             text        not null check (email_domain = lower(email_domain)),
    enforced                 boolean     not null,
    verification_token       text        not null,
    verified_at              timestamptz,
    verified_by              text,
    updated_at               timestamptz not null,
    updated_by               text        not null
);
create unique index sso_configurations_email_domain on sso_configurations (email_domain);

-- MFA policy per organisation; an organisation without a row requires MFA.
create table mfa_policies (
    organisation_id uuid primary key references organisations (id),
    mfa_required    boolean     not null,
    updated_at      timestamptz not null,
    updated_by      text        not null
);
