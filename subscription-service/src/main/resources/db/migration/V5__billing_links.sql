-- The billing-service subscription each subscription mirrors (docs/identity.md, "Plans and subscriptions"): set by
-- the first billing event for it, unique, null for trials and subscriptions billing has never charged.
alter table subscriptions add column billing_subscription_id uuid;
create unique index subscriptions_billing_subscription on subscriptions (billing_subscription_id)
    where billing_subscription_id is not null;

-- Out-of-order billing events never move a subscription backwards: billing_event_at guards payments and the end of
-- the subscription; these guard the plan and the cancellation at the period end, each on its own, so a late plan
-- change cannot undo a newer one while a payment in between still counts.
alter table subscriptions add column billing_plan_event_at timestamptz;
alter table subscriptions add column billing_cancel_event_at timestamptz;
