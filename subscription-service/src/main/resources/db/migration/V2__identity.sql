-- Identity: Spring Authorization Server's JDBC schema (blob -> bytea/text, timestamp -> timestamptz as its notes ask
-- for PostgreSQL), our signing keys, users and what protects them.

create table oauth2_registered_client (
    id                            varchar(100)  not null primary key,
    client_id                     varchar(100)  not null unique,
    client_id_issued_at           timestamptz   not null default current_timestamp,
    client_secret                 varchar(200),
    client_secret_expires_at      timestamptz,
    client_name                   varchar(200)  not null,
    client_authentication_methods varchar(1000) not null,
    authorization_grant_types     varchar(1000) not null,
    redirect_uris                 varchar(1000),
    post_logout_redirect_uris     varchar(1000),
    scopes                        varchar(1000) not null,
    client_settings               varchar(2000) not null,
    token_settings                varchar(2000) not null
);

create table oauth2_authorization (
    id                            varchar(100) not null primary key,
    registered_client_id          varchar(100) not null,
    principal_name                varchar(200) not null,
    authorization_grant_type      varchar(100) not null,
    authorized_scopes             varchar(1000),
    attributes                    text,
    state                         varchar(500),
    authorization_code_value      text,
    authorization_code_issued_at  timestamptz,
    authorization_code_expires_at timestamptz,
    authorization_code_metadata   text,
    access_token_value            text,
    access_token_issued_at        timestamptz,
    access_token_expires_at       timestamptz,
    access_token_metadata         text,
    access_token_type             varchar(100),
    access_token_scopes           varchar(1000),
    oidc_id_token_value           text,
    oidc_id_token_issued_at       timestamptz,
    oidc_id_token_expires_at      timestamptz,
    oidc_id_token_metadata        text,
    refresh_token_value           text,
    refresh_token_issued_at       timestamptz,
    refresh_token_expires_at      timestamptz,
    refresh_token_metadata        text,
    user_code_value               text,
    user_code_issued_at           timestamptz,
    user_code_expires_at          timestamptz,
    user_code_metadata            text,
    device_code_value             text,
    device_code_issued_at         timestamptz,
    device_code_expires_at        timestamptz,
    device_code_metadata          text
);
-- SAS looks tokens up by equality on their value; hash indexes take values of any length (a JWT is ~1 kB).
create index oauth2_authorization_refresh_token on oauth2_authorization using hash (refresh_token_value);
create index oauth2_authorization_access_token on oauth2_authorization using hash (access_token_value);
create index oauth2_authorization_code on oauth2_authorization using hash (authorization_code_value);
create index oauth2_authorization_state on oauth2_authorization using hash (state);
create index oauth2_authorization_principal on oauth2_authorization (principal_name);

create table oauth2_authorization_consent (
    registered_client_id varchar(100)  not null,
    principal_name       varchar(200)  not null,
    authorities          varchar(1000) not null,
    primary key (registered_client_id, principal_name)
);

-- Refresh tokens that were rotated away: presenting one again means it leaked, and its whole family is revoked.
create table oauth2_used_refresh_token (
    token_hash       char(64)     primary key,
    authorization_id varchar(100) not null,
    used_at          timestamptz  not null
);
create index oauth2_used_refresh_token_used_at on oauth2_used_refresh_token (used_at);

-- RSA signing keys generated here when none comes from the environment. The private key is encrypted (AES-GCM).
create table signing_keys (
    kid                   text        primary key,
    public_jwk            text        not null,
    private_key_encrypted bytea       not null,
    created_at            timestamptz not null,
    retired_at            timestamptz
);
create unique index signing_keys_one_active on signing_keys ((retired_at is null)) where retired_at is null;

-- Institutional clients registered from enterprise-service's events (the client row itself is in
-- oauth2_registered_client); the previous secret stays valid until previous_valid_until after a rotation.
create table institutional_clients (
    client_id            text        primary key,
    organisation_id      uuid        not null,
    quota_per_hour       bigint,
    previous_secret_hash text,
    previous_valid_until timestamptz,
    revoked_at           timestamptz,
    updated_at           timestamptz not null
);

-- People who log in. The password hash is null for users who only log in through Google or LinkedIn.
create table users (
    id                uuid        primary key,
    email             text        not null unique check (email = lower(email)),
    password_hash     text,
    email_verified_at timestamptz,
    roles             text[]      not null default '{subscriber}',
    organisation_id   uuid,
    locked_until      timestamptz,
    failures_reset_at timestamptz,
    mfa_secret        bytea,
    mfa_enabled_at    timestamptz,
    mfa_last_step     bigint,
    created_at        timestamptz not null,
    updated_at        timestamptz not null
);
create index users_organisation on users (organisation_id) where organisation_id is not null;

-- Every login attempt: counting failures in a window decides lockouts, and ops can read who tried from where.
create table login_attempts (
    id             bigint generated always as identity primary key,
    user_id        uuid        not null references users (id) on delete cascade,
    succeeded      boolean     not null,
    remote_address text,
    attempted_at   timestamptz not null
);
create index login_attempts_user_time on login_attempts (user_id, attempted_at);

-- Single-use tokens sent by e-mail (verification, password reset, unlock); only their SHA-256 is stored.
create table account_tokens (
    token_hash char(64)    primary key,
    purpose    text        not null check (purpose in ('verify_email', 'reset_password', 'unlock')),
    user_id    uuid        not null references users (id) on delete cascade,
    expires_at timestamptz not null,
    used_at    timestamptz,
    created_at timestamptz not null
);
create index account_tokens_user on account_tokens (user_id, purpose);

-- One-time MFA recovery codes, stored as SHA-256 hashes.
create table mfa_recovery_codes (
    user_id   uuid        not null references users (id) on delete cascade,
    code_hash char(64)    not null,
    used_at   timestamptz,
    primary key (user_id, code_hash)
);

-- Google / LinkedIn identities linked to a user.
create table federated_identities (
    provider   text        not null,
    subject    text        not null,
    user_id    uuid        not null references users (id) on delete cascade,
    created_at timestamptz not null,
    primary key (provider, subject)
);

-- Who did what, when, from where, with the state before and after: lockouts, unlocks, ops transitions, flag changes.
create table audit_log (
    id             bigint generated always as identity primary key,
    occurred_at    timestamptz not null,
    actor          text        not null,
    action         text        not null,
    target         text,
    remote_address text,
    before_state   jsonb,
    after_state    jsonb
);
create index audit_log_target on audit_log (target, occurred_at);
create index audit_log_action on audit_log (action, occurred_at);

-- The seed's subscriber record is linked to the user who owns it (legacy rows stay unlinked until that e-mail signs up).
alter table subscribers add column user_id uuid unique references users (id);
