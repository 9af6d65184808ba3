-- Every readiness check of every service: the raw material of uptime, SLO and incident detection.
create table health_checks (
    id          bigint generated always as identity primary key,
    service     text        not null,
    checked_at  timestamptz not null,
    status      text        not null check (status in ('up', 'down')),
    response_ms integer     check (response_ms >= 0)
);
create index health_checks_service_time on health_checks (service, checked_at);
