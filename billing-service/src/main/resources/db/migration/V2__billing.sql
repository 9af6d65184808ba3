-- Billing: customers at the providers, subscriptions, payments, the webhook inbox, invoices, credit notes, refunds,
-- dunning and reconciliation. Money is always minor units (bigint) with an ISO 4217 currency.

-- Who pays: one row per user and provider; the currency is fixed by the first checkout.
create table billing_customers (
    id                   uuid primary key,
    user_id              text        not null,
    organisation_id      text,
    email                text,
    provider             text        not null check (provider in ('stripe', 'razorpay', 'bank_transfer')),
    provider_customer_id text        not null,
    currency             char(3)     not null check (currency ~ '^[A-Z]{3}$'),
    created_at           timestamptz not null,
    unique (user_id, provider),
    unique (provider, provider_customer_id)
);

-- E-mail addresses learnt from subscription-service's subscriber.registered events (for receipts and dunning).
create table billing_contacts (
    user_id    text primary key,
    email      text        not null,
    updated_at timestamptz not null
);

-- A provider's price for a plan (Stripe price / Razorpay plan), created once and reused.
create table provider_prices (
    provider          text    not null,
    plan_code         text    not null,
    amount_minor      bigint  not null check (amount_minor > 0),
    currency          char(3) not null,
    provider_price_id text    not null,
    primary key (provider, plan_code, amount_minor)
);

-- Subscriptions as billing sees them. status_event_at is the provider time of the event that set the status: an
-- older event never overwrites a newer one.
create table billing_subscriptions (
    id                       uuid primary key,
    user_id                  text        not null,
    organisation_id          text,
    customer_id              uuid        not null references billing_customers (id),
    provider                 text        not null,
    provider_subscription_id text,
    plan_code                text        not null,
    tier                     text        not null,
    billing_interval         text        not null check (billing_interval in ('month', 'year')),
    currency                 char(3)     not null,
    amount_minor             bigint      not null check (amount_minor > 0),
    status                   text        not null check (status in ('incomplete', 'trialing', 'active', 'past_due',
                                                                    'unpaid', 'paused', 'canceled')),
    status_event_at          timestamptz,
    payment_page_url         text,
    pending_plan_code        text,
    cancel_at_period_end     boolean     not null default false,
    current_period_end       timestamptz,
    created_at               timestamptz not null,
    updated_at               timestamptz not null,
    unique (provider, provider_subscription_id)
);
create index billing_subscriptions_user on billing_subscriptions (user_id);
create unique index billing_subscriptions_one_open_per_user on billing_subscriptions (user_id)
    where status <> 'canceled';

-- Money received. refunded_minor grows as refunds are reserved; it can never exceed the amount.
create table payments (
    id                  uuid primary key,
    provider            text        not null,
    provider_payment_id text        not null,
    customer_id         uuid        not null references billing_customers (id),
    user_id             text        not null,
    organisation_id     text,
    subscription_id     uuid references billing_subscriptions (id),
    invoice_id          uuid,
    tier                text,
    amount_minor        bigint      not null check (amount_minor > 0),
    refunded_minor      bigint      not null default 0 check (refunded_minor >= 0 and refunded_minor <= amount_minor),
    currency            char(3)     not null,
    paid_at             timestamptz not null,
    unique (provider, provider_payment_id)
);
create index payments_user on payments (user_id, paid_at);

-- The webhook inbox: every verified delivery, keyed by (provider, event id), stored before it is answered.
create table webhook_events (
    provider         text        not null,
    event_id         text        not null,
    type             text        not null,
    payload          text        not null,
    event_created_at timestamptz not null,
    received_at      timestamptz not null,
    status           text        not null default 'received'
        check (status in ('received', 'processed', 'ignored', 'parked')),
    attempts         int         not null default 0,
    next_attempt_at  timestamptz not null,
    last_error       text,
    processed_at     timestamptz,
    seq              bigint generated always as identity,
    primary key (provider, event_id)
);
create index webhook_events_due on webhook_events (next_attempt_at, seq) where status = 'received';
create index webhook_events_parked on webhook_events (received_at) where status = 'parked';

-- Gap-free numbering per currency and document kind: the counter row is locked by the transaction that issues the
-- document, so a rollback returns the number and two issuers never share one.
create table document_sequences (
    kind       text    not null check (kind in ('invoice', 'credit_note')),
    currency   char(3) not null,
    last_value bigint  not null,
    primary key (kind, currency)
);

create table invoices (
    id                   uuid primary key,
    number               text        not null unique,
    customer_id          uuid        not null references billing_customers (id),
    user_id              text        not null,
    organisation_id      text,
    contract_id          text,
    subscription_id      uuid references billing_subscriptions (id),
    provider             text        not null,
    provider_invoice_id  text,
    tier                 text,
    status               text        not null check (status in ('open', 'paid', 'void')),
    currency             char(3)     not null,
    subtotal_minor       bigint      not null check (subtotal_minor > 0),
    tax_minor            bigint      not null check (tax_minor >= 0),
    total_minor          bigint      not null check (total_minor = subtotal_minor + tax_minor),
    tax_rate_basis_points int        not null default 0 check (tax_rate_basis_points between 0 and 10000),
    tax_label            text,
    customer_tax_id      text,
    bill_to              text,
    payment_instructions text,
    bank_reference       text,
    issued_at            timestamptz not null,
    due_at               timestamptz,
    paid_at              timestamptz,
    unique (provider, provider_invoice_id)
);
create index invoices_user on invoices (user_id, issued_at);
create index invoices_open_due on invoices (due_at) where status = 'open';

create table invoice_lines (
    invoice_id         uuid    not null references invoices (id),
    position           int     not null,
    description        text    not null,
    quantity           int     not null check (quantity > 0),
    unit_amount_minor  bigint  not null check (unit_amount_minor > 0),
    amount_minor       bigint  not null check (amount_minor = quantity * unit_amount_minor),
    primary key (invoice_id, position)
);

-- Refunds: reserved (pending) before the provider is called, with the refund id as the idempotency key.
create table refunds (
    id                 uuid primary key,
    payment_id         uuid        not null references payments (id),
    amount_minor       bigint      not null check (amount_minor > 0),
    currency           char(3)     not null,
    reason             text        not null,
    status             text        not null check (status in ('pending', 'issued', 'failed')),
    provider_refund_id text,
    failure            text,
    requested_by       text        not null,
    requested_at       timestamptz not null,
    issued_at          timestamptz
);
create unique index refunds_provider_refund on refunds (provider_refund_id) where provider_refund_id is not null;
create index refunds_pending on refunds (requested_at) where status = 'pending';

create table credit_notes (
    id           uuid primary key,
    number       text        not null unique,
    invoice_id   uuid references invoices (id),
    payment_id   uuid        not null references payments (id),
    refund_key   text        not null unique,
    amount_minor bigint      not null check (amount_minor > 0),
    currency     char(3)     not null,
    reason       text        not null,
    issued_at    timestamptz not null
);

-- Dunning: one case per unpaid provider invoice, stepping through the retry schedule.
create table dunning_cases (
    id                  uuid primary key,
    subscription_id     uuid        not null references billing_subscriptions (id),
    provider            text        not null,
    provider_invoice_id text        not null,
    amount_minor        bigint      not null check (amount_minor > 0),
    currency            char(3)     not null,
    attempt             int         not null,
    status              text        not null check (status in ('open', 'recovered', 'exhausted')),
    last_reason         text,
    next_retry_at       timestamptz,
    opened_at           timestamptz not null,
    closed_at           timestamptz,
    unique (provider, provider_invoice_id)
);
create index dunning_cases_due on dunning_cases (next_retry_at) where status = 'open';

-- Reconciliation runs and every difference they found.
create table reconciliation_runs (
    id          uuid primary key,
    started_at  timestamptz not null,
    finished_at timestamptz,
    window_from timestamptz not null,
    window_to   timestamptz not null,
    status      text        not null check (status in ('running', 'completed', 'failed')),
    summary     text
);

create table reconciliation_differences (
    id                 bigint generated always as identity primary key,
    run_id             uuid    not null references reconciliation_runs (id),
    provider           text    not null,
    kind               text    not null,
    reference          text    not null,
    ledger_amount_minor bigint,
    provider_amount_minor bigint,
    currency           char(3),
    detail             text    not null
);
create index reconciliation_differences_run on reconciliation_differences (run_id);

-- The ledger evolves: amounts are positive for charges, refunds and fees (the type gives the direction), adjustments
-- are signed and carry their reason; every entry links to what it records.
alter table ledger_entries add column payment_id uuid;
alter table ledger_entries add column user_id text;
alter table ledger_entries add column tier text;
alter table ledger_entries add column description text;
alter table ledger_entries add constraint ledger_entries_amount_sign check (
    (entry_type in ('charge', 'refund', 'fee') and amount_minor > 0)
    or (entry_type = 'adjustment' and amount_minor <> 0));
create index ledger_entries_provider_time on ledger_entries (provider, occurred_at);
