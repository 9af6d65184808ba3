-- The seed's subscriber record: one row per subscriber, e-mail unique (stored lower-cased), tier, timestamps.
create table subscribers (
    id                bigint generated always as identity primary key,
    email             text        not null unique check (email = lower(email)),
    subscription_tier text        not null check (subscription_tier in ('basic', 'pro', 'enterprise')),
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now()
);
create index idx_subscribers_tier on subscribers (subscription_tier);
create index idx_subscribers_created_at on subscribers (created_at);

-- The plan catalog: a price per tier, billing interval and currency (USD through Stripe, INR through Razorpay).
-- Annual plans cost ten monthly payments.
create table plans (
    code             text primary key,
    tier             text    not null check (tier in ('basic', 'pro', 'enterprise')),
    billing_interval text    not null check (billing_interval in ('month', 'year')),
    currency         char(3) not null check (currency in ('USD', 'INR')),
    price_minor      bigint  not null check (price_minor > 0),
    active           boolean not null default true,
    unique (tier, billing_interval, currency)
);

insert into plans (code, tier, billing_interval, currency, price_minor) values
    ('basic-month-usd',      'basic',      'month', 'USD',     9900),
    ('basic-year-usd',       'basic',      'year',  'USD',    99000),
    ('pro-month-usd',        'pro',        'month', 'USD',    50000),
    ('pro-year-usd',         'pro',        'year',  'USD',   500000),
    ('enterprise-month-usd', 'enterprise', 'month', 'USD',   200000),
    ('enterprise-year-usd',  'enterprise', 'year',  'USD',  2000000),
    ('basic-month-inr',      'basic',      'month', 'INR',   799900),
    ('basic-year-inr',       'basic',      'year',  'INR',  7999000),
    ('pro-month-inr',        'pro',        'month', 'INR',  3999900),
    ('pro-year-inr',         'pro',        'year',  'INR', 39999000),
    ('enterprise-month-inr', 'enterprise', 'month', 'INR', 15999900),
    ('enterprise-year-inr',  'enterprise', 'year',  'INR', 159999000);
