-- The ledger: every movement of money, in minor units with its currency. Append-only: corrections are new entries.
create table ledger_entries (
    id                 bigint generated always as identity primary key,
    entry_type         text        not null check (entry_type in ('charge', 'refund', 'fee', 'adjustment')),
    customer_id        text        not null,
    amount_minor       bigint      not null,
    currency           char(3)     not null check (currency ~ '^[A-Z]{3}$'),
    provider           text        not null check (provider in ('stripe', 'razorpay', 'bank_transfer')),
    provider_reference text        not null,
    occurred_at        timestamptz not null,
    recorded_at        timestamptz not null default now(),
    unique (provider, provider_reference, entry_type)
);
create index ledger_entries_customer on ledger_entries (customer_id, occurred_at);

create function ledger_entries_are_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'ledger entries are append-only; record a correcting entry instead';
end;
$$;
create trigger ledger_entries_append_only before update or delete on ledger_entries
    for each row execute function ledger_entries_are_append_only();
