-- Instruments the signal engine covers. Simulated instruments are flagged wherever they appear.
create table instruments (
    symbol      text primary key check (symbol ~ '^[A-Z0-9.:/-]{1,20}$'),
    asset_class text        not null check (asset_class in ('stock', 'crypto', 'forex')),
    name        text        not null,
    currency    char(3)     not null,
    simulated   boolean     not null default false,
    created_at  timestamptz not null default now()
);
