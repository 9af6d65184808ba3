-- Support: a tier per organisation (no row: enterprise), its account manager, and tickets with SLA clocks.
create table support_settings (
    organisation_id       uuid primary key references organisations (id),
    tier                  text        not null check (tier in ('basic', 'pro', 'enterprise')),
    account_manager_name  text,
    account_manager_email text,
    account_manager_phone text check (account_manager_phone ~ '^\+[1-9][0-9]{6,14}$'),
    account_manager_user  text,
    updated_at            timestamptz not null,
    updated_by            text        not null,
    check (account_manager_name is null or tier = 'enterprise')
);

create table support_tickets (
    id                         uuid primary key,
    number                     bigint generated always as identity unique,
    organisation_id            uuid        not null references organisations (id),
    subject                    text        not null check (length(subject) between 1 and 200),
    description                text        not null check (length(description) between 1 and 10000),
    priority                   text        not null check (priority in ('low', 'normal', 'high', 'urgent')),
    support_tier               text        not null check (support_tier in ('basic', 'pro', 'enterprise')),
    opened_by                  text        not null,
    opened_by_email            text,
    opened_at                  timestamptz not null,
    first_response_due         timestamptz not null,
    resolution_due             timestamptz not null,
    first_responded_at         timestamptz,
    resolved_at                timestamptz,
    first_response_breached_at timestamptz,
    resolution_breached_at     timestamptz
);
create index support_tickets_by_organisation on support_tickets (organisation_id, opened_at desc);
create index support_tickets_unresolved on support_tickets (resolution_due) where resolved_at is null;

create table support_ticket_messages (
    id         uuid primary key,
    ticket_id  uuid        not null references support_tickets (id),
    author     text        not null,
    from_staff boolean     not null,
    body       text        not null check (length(body) between 1 and 10000),
    created_at timestamptz not null
);
create index support_ticket_messages_by_ticket on support_ticket_messages (ticket_id, created_at);
