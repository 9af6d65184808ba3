-- The audit trail of every operator action on a queue (retry, move to dead letters, discard, pause, resume).
create table queue_actions (
    id             bigint generated always as identity primary key,
    action         text        not null check (action in ('retry', 'retry_all', 'dead_letter', 'discard', 'pause', 'resume')),
    stream         text        not null,
    consumer_group text,
    entry_id       text,
    actor          text        not null,
    reason         text,
    created_at     timestamptz not null default now()
);
create index queue_actions_stream on queue_actions (stream, created_at);
