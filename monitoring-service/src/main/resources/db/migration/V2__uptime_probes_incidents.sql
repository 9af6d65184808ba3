-- Why a check failed (HTTP status, timeout, refused connection), for ops; never shown on the public status page.
alter table health_checks add column detail text;

-- Checks per service and hour, kept up to date with every check: uptime over 30 and 365 days reads these instead of
-- hundreds of thousands of raw checks (which are deleted after aifa.monitoring.raw-check-retention).
create table health_check_hourly (
    service         text        not null,
    hour            timestamptz not null,
    up_count        integer     not null default 0,
    down_count      integer     not null default 0,
    response_ms_sum bigint      not null default 0,
    response_ms_max integer     not null default 0,
    primary key (service, hour)
);

-- Synthetic journeys through the gateway.
create table probe_results (
    id          bigint generated always as identity primary key,
    probe       text        not null,
    checked_at  timestamptz not null,
    success     boolean     not null,
    status_code integer,
    duration_ms integer     not null check (duration_ms >= 0),
    detail      text
);
create index probe_results_probe_time on probe_results (probe, checked_at);

create table incidents (
    id          uuid        primary key,
    service     text,                 -- null for an incident not tied to one service
    title       text        not null,
    severity    text        not null check (severity in ('minor', 'major', 'critical')),
    status      text        not null check (status in ('investigating', 'identified', 'monitoring', 'resolved')),
    automatic   boolean     not null, -- opened by the monitor (and resolved by it when the service recovers)
    opened_by   text        not null,
    opened_at   timestamptz not null,
    resolved_at timestamptz,
    resolution  text,
    check ((status = 'resolved') = (resolved_at is not null))
);
-- At most one open automatic incident per service, however many monitor instances notice the outage.
create unique index incidents_one_open_automatic on incidents (service) where automatic and status <> 'resolved';
create index incidents_opened_at on incidents (opened_at);

create table incident_updates (
    id          bigint generated always as identity primary key,
    incident_id uuid        not null references incidents (id),
    at          timestamptz not null,
    status      text        not null,
    message     text        not null,
    author      text        not null
);
create index incident_updates_incident on incident_updates (incident_id, at);
