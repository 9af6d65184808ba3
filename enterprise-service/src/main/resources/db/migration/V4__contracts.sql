-- Institutional and enterprise contracts: a term of whole months, an annual value in minor units, a monthly request
-- quota, optionally seats, and the instalments billing invoices by bank transfer.
create table contracts (
    id                      uuid primary key,
    organisation_id         uuid        not null references organisations (id),
    reference               text        not null unique check (reference ~ '^[A-Z0-9][A-Z0-9-]{2,39}$'),
    start_date              date        not null,
    end_date                date        not null,
    renewal_date            date        not null,
    annual_value_minor      bigint      not null check (annual_value_minor > 0),
    currency                text        not null check (currency ~ '^[A-Z]{3}$'),
    request_quota_per_month bigint      not null check (request_quota_per_month > 0),
    seats                   integer check (seats > 0),
    invoice_schedule        text        not null check (invoice_schedule in ('annual', 'quarterly', 'monthly')),
    payment_terms_days      integer     not null check (payment_terms_days between 1 and 120),
    billing_email           text        not null,
    bill_to                 text,
    renews_contract_id      uuid unique references contracts (id),
    signed_at               timestamptz not null,
    signed_by               text        not null,
    expired_at              timestamptz,
    check (start_date < end_date),
    check (renewal_date between start_date and end_date)
);
create index contracts_by_organisation on contracts (organisation_id, start_date);
create index contracts_by_end on contracts (end_date) where expired_at is null;

-- Each reminder threshold is sent once, even when several instances run the schedule.
create table contract_reminders (
    contract_id uuid        not null references contracts (id),
    kind        text        not null check (kind in ('renewal_reminder', 'contract_expiring')),
    days_before integer     not null,
    sent_at     timestamptz not null,
    primary key (contract_id, kind, days_before)
);
