-- The events backbone (common-lib): every service that publishes or consumes events has these in its own schema.

-- Events written in the transaction of their state change, published to Redis by the relay after commit.
create table event_outbox (
    id           bigint generated always as identity primary key,
    event_id     text        not null unique,
    stream       text        not null,
    type         text        not null,
    subject      text,
    envelope     jsonb       not null,
    created_at   timestamptz not null default now(),
    published_at timestamptz
);
create index event_outbox_unpublished on event_outbox (id) where published_at is null;
create index event_outbox_published_at on event_outbox (published_at) where published_at is not null;

-- Events this service has handled, recorded in the transaction of their effect so a redelivery changes nothing.
create table event_inbox (
    consumer_group text        not null,
    event_id       text        not null,
    stream         text        not null,
    type           text        not null,
    handled_at     timestamptz not null default now(),
    primary key (consumer_group, event_id)
);
