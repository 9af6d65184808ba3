-- How each user likes the dashboards: theme, landing page and time zone.
create table ui_preferences (
    user_id      text primary key,
    theme        text        not null default 'system' check (theme in ('system', 'light', 'dark')),
    landing_page text        not null default 'signals',
    time_zone    text        not null default 'UTC',
    updated_at   timestamptz not null default now()
);
