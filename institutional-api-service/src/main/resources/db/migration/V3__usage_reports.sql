-- Usage reports to enterprise-service: institutional clients' request counts and last-used times, sent in batches.

-- Which metered callers are API clients, when each last called in the hour, and how much of the hour's count has
-- already been handed to a report batch (the rest is reported next time).
alter table api_usage add column api_client boolean not null default false;
alter table api_usage add column last_request_at timestamptz;
alter table api_usage add column reported_requests bigint not null default 0;
alter table api_usage add constraint api_usage_reported_within_requests
    check (reported_requests >= 0 and reported_requests <= requests);
create index api_usage_unreported on api_usage (caller, hour) where api_client and requests > reported_requests;

-- Redis counting batches already added to api_usage: a batch read again after a crash is not counted twice.
create table usage_flushes (
    batch_id   text primary key,
    applied_at timestamptz not null
);
create index usage_flushes_applied on usage_flushes (applied_at);

-- Report batches: fixed when composed (each request belongs to exactly one batch), then sent until enterprise-service
-- takes them. A batch is resent unchanged; it is never recomposed.
create table usage_report_batches (
    id              uuid primary key,
    created_at      timestamptz not null,
    reports         jsonb       not null,
    clients         int         not null check (clients > 0),
    requests        bigint      not null check (requests >= 0),
    status          text        not null check (status in ('pending', 'sent', 'rejected')),
    attempts        int         not null default 0,
    next_attempt_at timestamptz not null,
    lease_until     timestamptz,
    last_error      text,
    sent_at         timestamptz
);
create index usage_report_batches_due on usage_report_batches (created_at) where status = 'pending';
