-- Organisations: the enterprise and institutional customers, with their seat limit.
create table organisations (
    id         uuid primary key default gen_random_uuid(),
    name       text        not null check (length(name) between 1 and 200),
    slug       text        not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
    tier       text        not null check (tier in ('enterprise', 'institutional')),
    seat_limit integer     not null check (seat_limit > 0),
    created_at timestamptz not null default now()
);
