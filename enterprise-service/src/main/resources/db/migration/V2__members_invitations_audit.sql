-- Organisations gain a modification time; the plan's seat limit stays in seat_limit (a contract may override it).
alter table organisations add column updated_at timestamptz not null default now();

-- Members: platform users (the token's sub) with one role in one organisation.
create table members (
    organisation_id uuid        not null references organisations (id),
    user_id         text        not null check (length(user_id) between 1 and 200),
    email           text        not null check (length(email) between 3 and 320),
    role            text        not null check (role in ('owner', 'admin', 'analyst', 'billing')),
    joined_at       timestamptz not null,
    invited_by      text,
    primary key (organisation_id, user_id)
);
-- a token carries one org claim, so a user belongs to at most one organisation
create unique index members_one_organisation_per_user on members (user_id);
create unique index members_email_per_organisation on members (organisation_id, lower(email));

-- Invitations: only the SHA-256 of the e-mailed token is kept.
create table invitations (
    id              uuid primary key,
    organisation_id uuid        not null references organisations (id),
    email           text        not null check (length(email) between 3 and 320),
    role            text        not null check (role in ('owner', 'admin', 'analyst', 'billing')),
    token_hash      bytea       not null unique,
    invited_by      text        not null,
    created_at      timestamptz not null,
    expires_at      timestamptz not null,
    accepted_at     timestamptz,
    accepted_by     text,
    revoked_at      timestamptz,
    check (expires_at > created_at)
);
create index invitations_open on invitations (organisation_id, expires_at)
    where accepted_at is null and revoked_at is null;

-- The audit log: append-only. The trigger stops updates, deletes and truncation by anyone, including this service;
-- in production the service's database user also lacks UPDATE/DELETE on it.
create table audit_log (
    id                 bigint generated always as identity primary key,
    occurred_at        timestamptz not null,
    organisation_id    uuid,
    actor_subject      text        not null,
    actor_organisation text,
    actor_roles        text        not null,
    actor_address      text,
    action             text        not null,
    target             text,
    outcome            text        not null check (outcome in ('succeeded', 'refused')),
    before             jsonb,
    after              jsonb
);
create index audit_log_by_organisation on audit_log (organisation_id, id desc);
create index audit_log_by_actor on audit_log (actor_subject, id desc);
create index audit_log_by_time on audit_log (occurred_at);

create function audit_log_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_log is append-only: % is not allowed', tg_op using errcode = 'insufficient_privilege';
end
$$;
create trigger audit_log_no_update_or_delete before update or delete on audit_log
    for each row execute function audit_log_is_append_only();
create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_is_append_only();
