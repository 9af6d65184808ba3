-- Subscriptions: one subscriber's (or organisation's) paid access to a plan, moved through an explicit lifecycle.
create table subscriptions (
    id                   uuid        primary key,
    subscriber_id        bigint      not null references subscribers (id),
    user_id              uuid        references users (id),
    organisation_id      uuid,
    plan_code            text        not null references plans (code),
    status               text        not null check (status in ('trialing', 'active', 'past_due', 'canceled', 'expired')),
    period_start         timestamptz not null,
    period_end           timestamptz not null,
    trial_end            timestamptz,
    cancel_at_period_end boolean     not null default false,
    pending_plan_code    text        references plans (code),
    past_due_since       timestamptz,
    ended_at             timestamptz,
    -- the instant of the newest billing event applied: older events arriving late never move the subscription back
    billing_event_at     timestamptz,
    created_at           timestamptz not null,
    updated_at           timestamptz not null,
    check (period_end > period_start)
);
-- at most one live subscription per user
create unique index subscriptions_one_live_per_user on subscriptions (user_id)
    where status in ('trialing', 'active', 'past_due');
create index subscriptions_organisation on subscriptions (organisation_id) where organisation_id is not null;
create index subscriptions_period_end on subscriptions (period_end) where status in ('trialing', 'active', 'past_due');

-- Every transition, with who caused it (a user, ops, billing, the scheduler) and why.
create table subscription_transitions (
    id              bigint generated always as identity primary key,
    subscription_id uuid        not null references subscriptions (id),
    action          text        not null,
    from_status     text,
    to_status       text        not null,
    plan_code       text        not null,
    actor           text        not null,
    reason          text,
    occurred_at     timestamptz not null
);
create index subscription_transitions_subscription on subscription_transitions (subscription_id, occurred_at);

-- Feature flags, set at runtime by ops: scope 'global' or a tier. A missing row means the default (see
-- docs/identity.md): global flags default on, tier flags default to the tier's entitlement.
create table feature_flags (
    flag       text        not null check (flag in ('advanced_analytics', 'enterprise_dashboard', 'crypto_signals',
                                                    'forex_signals', 'white_label', 'api_rate_limiting',
                                                    'real_time_notifications')),
    scope      text        not null check (scope in ('global', 'none', 'basic', 'pro', 'enterprise', 'institutional')),
    enabled    boolean     not null,
    updated_by text        not null,
    updated_at timestamptz not null,
    primary key (flag, scope)
);
