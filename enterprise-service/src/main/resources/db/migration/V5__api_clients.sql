-- Institutional API clients (the client_credentials clients of subscription-service). Secrets are kept only as
-- bcrypt hashes; after a rotation the previous secret stays valid until valid_until (the overlap window).
create table api_clients (
    client_id         text primary key check (client_id ~ '^inst_[a-z2-7]{24}$'),
    organisation_id   uuid        not null references organisations (id),
    name              text        not null check (length(name) between 1 and 100),
    scopes            text        not null,
    quota_per_hour    bigint      not null check (quota_per_hour > 0),
    contract_id       uuid references contracts (id),
    created_at        timestamptz not null,
    created_by        text        not null,
    revoked_at        timestamptz,
    revoked_by        text,
    revocation_reason text,
    last_used_at      timestamptz,
    requests_total    bigint      not null default 0
);
create index api_clients_by_organisation on api_clients (organisation_id);

create table api_client_secrets (
    id          uuid primary key,
    client_id   text        not null references api_clients (client_id),
    secret_hash text        not null check (secret_hash ~ '^\$2[aby]\$\d{2}\$[./A-Za-z0-9]{53}$'),
    created_at  timestamptz not null,
    valid_until timestamptz,
    revoked_at  timestamptz
);
create index api_client_secrets_by_client on api_client_secrets (client_id, created_at desc);
