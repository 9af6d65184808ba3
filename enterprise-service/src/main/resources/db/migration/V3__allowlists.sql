-- IP allowlists: per organisation, CIDR ranges in canonical form (validated, normalised and overlap-free in Java).
create table allowlists (
    organisation_id uuid primary key references organisations (id),
    version         bigint      not null,
    updated_at      timestamptz not null,
    updated_by      text        not null
);

create table allowlist_entries (
    organisation_id uuid    not null references allowlists (organisation_id),
    position        integer not null,
    cidr            text    not null check (length(cidr) between 4 and 43),
    label           text check (length(label) <= 100),
    primary key (organisation_id, cidr)
);
