-- A stand-in for a service's state: what producers change and what consumers' handlers apply.
create table account_changes (
    id      bigint generated always as identity primary key,
    account text not null
);
create table applied_effects (
    id       bigint generated always as identity primary key,
    event_id text not null,
    type     text not null
);
