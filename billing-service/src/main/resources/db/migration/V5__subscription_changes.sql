-- Every change to a subscription is published on aifa.billing for subscription-service to mirror (docs/billing.md).
-- A downgrade keeps the price it was scheduled at, so it can take effect when the provider rolls the period over
-- without asking the catalog again.
alter table billing_subscriptions add column pending_tier text;
alter table billing_subscriptions add column pending_billing_interval text
    check (pending_billing_interval in ('month', 'year'));
alter table billing_subscriptions add column pending_amount_minor bigint check (pending_amount_minor > 0);
-- How many times the customer (or ops) changed the plan or the cancellation: part of the idempotency key of the
-- provider call, so cancel → take back → cancel again within a provider's key retention is a new request, while a
-- retry of one request (the count not yet moved) still sends the key of its first attempt.
alter table billing_subscriptions add column change_count integer not null default 0;
