-- Contract invoices: enterprise-service's contracts (contract.signed / .renewed / .expired on aifa.enterprise) are
-- invoiced by bank transfer, one invoice per instalment, addressed to the organisation rather than to a user.

-- An organisation can be the customer: a contract is the organisation's, not a member's. An organisation has one
-- bank-transfer account per currency (a renewal keeps the currency; a new contract may be in another).
alter table billing_customers alter column user_id drop not null;
alter table billing_customers add constraint billing_customers_user_or_organisation
    check (user_id is not null or organisation_id is not null);
create unique index billing_customers_organisation_account on billing_customers (organisation_id, provider, currency)
    where user_id is null;

alter table invoices alter column user_id drop not null;
alter table invoices add constraint invoices_user_or_organisation
    check (user_id is not null or organisation_id is not null);
-- where the invoice is sent (the contract's billing e-mail)
alter table invoices add column billing_email text;
create index invoices_organisation on invoices (organisation_id, issued_at) where organisation_id is not null;

alter table payments alter column user_id drop not null;
alter table payments add constraint payments_user_or_organisation
    check (user_id is not null or organisation_id is not null);

-- Contracts as enterprise-service announced them. Content is fixed at signing; status only moves to expired.
create table billing_contracts (
    contract_id        text primary key,
    organisation_id    text        not null,
    organisation_name  text,
    reference          text,
    tier               text        not null check (tier in ('enterprise', 'institutional')),
    currency           char(3)     not null check (currency ~ '^[A-Z]{3}$'),
    term_value_minor   bigint      not null check (term_value_minor > 0),
    start_date         date        not null,
    end_date           date        not null check (end_date >= start_date),
    payment_terms_days int         not null check (payment_terms_days between 0 and 365),
    billing_email      text        not null,
    bill_to            text,
    renews_contract_id text,
    status             text        not null check (status in ('active', 'expired')),
    expired_at         timestamptz,
    recorded_at        timestamptz not null
);
create index billing_contracts_organisation on billing_contracts (organisation_id, start_date);

-- One row per instalment: scheduled until its invoice date, then issued with exactly one invoice. The key (contract,
-- invoice date) is what makes a redelivered or replayed contract event harmless.
create table contract_instalments (
    contract_id  text        not null references billing_contracts (contract_id),
    invoice_date date        not null,
    position     int         not null check (position > 0),
    period_end   date        not null,
    amount_minor bigint      not null check (amount_minor > 0),
    status       text        not null check (status in ('scheduled', 'issued', 'canceled')),
    invoice_id   uuid unique references invoices (id),
    issued_at    timestamptz,
    canceled_at  timestamptz,
    primary key (contract_id, invoice_date),
    unique (contract_id, position),
    check (period_end >= invoice_date),
    check ((status = 'issued') = (invoice_id is not null))
);
create index contract_instalments_due on contract_instalments (invoice_date) where status = 'scheduled';
