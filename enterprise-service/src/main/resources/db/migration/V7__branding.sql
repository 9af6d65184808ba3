-- White label per organisation: display name, logo (uploaded bytes or an https URL), colours, custom domain.
create table brandings (
    organisation_id   uuid primary key references organisations (id),
    display_name      text        not null check (length(display_name) between 1 and 100),
    logo_url          text check (length(logo_url) <= 500),
    logo_content_type text check (logo_content_type in ('image/png', 'image/jpeg')),
    logo_bytes        bytea,
    logo_sha256       text,
    primary_colour    text check (primary_colour ~ '^#[0-9a-f]{6}$'),
    secondary_colour  text check (secondary_colour ~ '^#[0-9a-f]{6}$'),
    accent_colour     text check (accent_colour ~ '^#[0-9a-f]{6}$'),
    custom_domain     text unique check (custom_domain = lower(custom_domain)),
    updated_at        timestamptz not null,
    updated_by        text        not null,
    check (logo_bytes is null or logo_url is null)
);
