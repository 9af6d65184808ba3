-- What analytics keeps from the other services' events. Tables that grow with time are partitioned by month of
-- their time column; the partitions (<table>_pYYYYMM) are created ahead by a daily job and on demand by the
-- consumers (MonthlyPartitions). Event ids are deduplicated by the common-lib inbox; the primary keys below also
-- keep a producer's accidental re-publication of the same fact (a new event id) from counting twice.

-- Every subscription state change, as the event carried it (status, plan and price after the change).
create table subscription_events (
    seq                   bigserial   not null,
    event_id              text        not null,
    event_type            text        not null,
    occurred_at           timestamptz not null,
    subscription_id       text        not null,
    customer_id           text        not null, -- the organisation, or the user for an individual subscriber
    user_id               text,
    organisation_id       text,
    status                text        not null check (status in ('trialing', 'active', 'past_due', 'canceled', 'expired')),
    tier                  text        not null,
    plan_code             text,
    billing_interval      text        not null check (billing_interval in ('month', 'year')),
    currency              char(3)     not null check (currency ~ '^[A-Z]{3}$'),
    amount_minor          bigint      not null check (amount_minor >= 0),
    previous_plan_code    text,
    previous_amount_minor bigint,
    period_start          timestamptz,
    period_end            timestamptz,
    trial_end             timestamptz,
    primary key (event_id, occurred_at)
) partition by range (occurred_at);

-- Money collected: successful payments (card, UPI, bank transfer).
create table payments (
    payment_id          text        not null,
    paid_at             timestamptz not null,
    event_id            text        not null,
    provider            text        not null,
    provider_payment_id text,
    customer_id         text,
    user_id             text,
    organisation_id     text,
    subscription_id     text,
    invoice_id          text,
    tier                text,
    amount_minor        bigint      not null check (amount_minor >= 0),
    currency            char(3)     not null check (currency ~ '^[A-Z]{3}$'),
    primary key (payment_id, paid_at)
) partition by range (paid_at);
create index payments_invoice on payments (invoice_id);

create table refunds (
    refund_id    text        not null,
    issued_at    timestamptz not null,
    event_id     text        not null,
    payment_id   text        not null,
    user_id      text,
    amount_minor bigint      not null check (amount_minor >= 0),
    currency     char(3)     not null check (currency ~ '^[A-Z]{3}$'),
    reason       text,
    primary key (refund_id, issued_at)
) partition by range (issued_at);
create index refunds_payment on refunds (payment_id);

-- Invoices paid (institutional contracts by bank transfer, and subscription invoices).
create table invoice_payments (
    invoice_id      text        not null,
    paid_at         timestamptz not null,
    event_id        text        not null,
    number          text,
    customer_id     text,
    user_id         text,
    organisation_id text,
    contract_id     text,
    amount_minor    bigint      not null check (amount_minor >= 0),
    currency        char(3)     not null check (currency ~ '^[A-Z]{3}$'),
    primary key (invoice_id, paid_at)
) partition by range (paid_at);

-- Institutional contracts as signed, renewed and expired.
create table contract_events (
    event_id                  text        not null,
    occurred_at               timestamptz not null,
    event_type                text        not null,
    contract_id               text        not null,
    organisation_id           text        not null,
    annual_value_minor        bigint      not null check (annual_value_minor >= 0),
    currency                  char(3)     not null check (currency ~ '^[A-Z]{3}$'),
    start_date                date        not null,
    end_date                  date        not null,
    request_quota_per_month   bigint,
    primary key (event_id, occurred_at)
) partition by range (occurred_at);

-- How each signal ended. Live and backtest results share the table and are never reported together.
create table signal_outcomes (
    signal_id     text        not null,
    mode          text        not null,
    resolved_at   timestamptz not null,
    event_id      text        not null,
    symbol        text        not null,
    asset_class   text        not null,
    outcome       text        not null check (outcome in ('target_first', 'stop_first', 'horizon')),
    exit_price    numeric,
    return_pct    numeric,
    model_version text,
    simulated     boolean     not null,
    primary key (signal_id, mode, resolved_at)
) partition by range (resolved_at);

-- The runtime feature flags analytics honours (advanced_analytics), as subscription-service last announced them.
create table feature_flags (
    flag       text        not null,
    tier       text        not null, -- '' for the global setting
    enabled    boolean     not null,
    changed_at timestamptz not null,
    primary key (flag, tier)
);
