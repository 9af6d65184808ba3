-- Operator actions also record where they came from and how many entries they touched; deliveries can be retried.
alter table queue_actions add column address text;
alter table queue_actions add column forwarded_for text;
alter table queue_actions add column affected integer not null default 0;
alter table queue_actions drop constraint queue_actions_action_check;
alter table queue_actions add constraint queue_actions_action_check check (action in (
    'retry', 'retry_all', 'dead_letter', 'discard', 'pause', 'resume', 'retry_delivery'));
create index queue_actions_created_at on queue_actions (created_at);

-- A user's channels in the order they want to be reached. Users without a row get e-mail.
create table notification_preferences (
    user_id    text        primary key,
    channels   text[]      not null,
    updated_at timestamptz not null
);

-- Addresses a user connected here (SMS number, Telegram chat, WhatsApp number), verified by a code sent to them.
create table notification_addresses (
    user_id         text        not null,
    channel         text        not null check (channel in ('sms', 'telegram', 'whatsapp')),
    address         text        not null,
    verified_at     timestamptz,
    code_hash       text,
    code_expires_at timestamptz,
    code_sent_at    timestamptz,
    code_attempts   integer     not null default 0,
    updated_at      timestamptz not null,
    primary key (user_id, channel)
);

-- The durable delivery queue: one row per notification and channel, written in the transaction that consumed the
-- request from aifa.notify and worked off by per-channel dispatchers (FOR UPDATE SKIP LOCKED, leases).
create table notification_deliveries (
    id                  uuid        primary key,
    notification_id     text        not null,
    event_id            text        not null,
    user_id             text,
    template            text        not null,
    channel             text        not null check (channel in ('email', 'sms', 'telegram', 'whatsapp', 'slack')),
    address             text        not null,
    tier                text,
    priority            text        not null check (priority in ('high', 'normal')),
    params              jsonb       not null,
    status              text        not null check (status in ('queued', 'sending', 'delivered', 'dead_lettered', 'parked')),
    attempts            integer     not null default 0,
    next_attempt_at     timestamptz not null,
    lease_until         timestamptz,
    leased_by           text,
    last_error          text,
    provider_message_id text,
    requested_at        timestamptz not null,
    queued_at           timestamptz not null,
    delivered_at        timestamptz,
    updated_at          timestamptz not null,
    unique (notification_id, channel)
);
create index notification_deliveries_due on notification_deliveries (channel, next_attempt_at) where status = 'queued';
create index notification_deliveries_leased on notification_deliveries (channel, lease_until) where status = 'sending';
create index notification_deliveries_status on notification_deliveries (status, updated_at);

-- Requests that could not become a delivery (malformed, unknown channel, no verified address, tier not allowed).
create table notification_rejections (
    id              bigint      generated always as identity primary key,
    event_id        text        not null,
    notification_id text,
    template        text,
    channel         text,
    user_id         text,
    reason          text        not null,
    payload         jsonb,
    rejected_at     timestamptz not null
);
create index notification_rejections_at on notification_rejections (rejected_at);

-- Queue history, one row per stream (consumer_group = '') and per consumer group per minute.
create table queue_samples (
    minute            timestamptz not null,
    stream            text        not null,
    consumer_group    text        not null,
    length            bigint      not null,
    entries_in        bigint,
    last_delivered_id text,
    pending           bigint,
    lag               bigint,
    entries_out       bigint,
    oldest_pending_ms bigint,
    dead_letters      bigint      not null,
    primary key (stream, consumer_group, minute)
);
create index queue_samples_minute on queue_samples (minute);
