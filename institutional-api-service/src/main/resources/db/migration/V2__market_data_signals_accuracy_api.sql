-- Instruments: where their bars come from, at which interval signals are computed, and on which calendar they trade.
alter table instruments
    add column data_source      text    not null default 'bundled'
        check (data_source in ('bundled', 'provider', 'simulated')),
    add column bar_interval     text    not null default '1d'
        check (bar_interval in ('1m', '30m', '1d')),
    add column calendar         text    not null default 'weekdays' check (calendar in ('weekdays', 'always')),
    add column provider_symbols jsonb   not null default '{}'::jsonb,
    add column price_scale      int     not null default 2 check (price_scale between 0 and 10),
    add column active           boolean not null default true;
-- a simulated instrument always says so
alter table instruments add constraint instruments_simulated_source check (simulated = (data_source = 'simulated'));

-- OHLCV bars with the source that delivered them. Checks make a corrupt bar impossible to store.
create table bars (
    symbol     text          not null references instruments (symbol),
    bar_interval text        not null check (bar_interval in ('1m', '30m', '1d')),
    bar_time   timestamptz   not null, -- start of the bar's period
    open       numeric(24, 10) not null check (open > 0),
    high       numeric(24, 10) not null,
    low        numeric(24, 10) not null check (low > 0),
    close      numeric(24, 10) not null check (close > 0),
    volume     numeric(30, 10) check (volume >= 0), -- null: the source does not report volume (CoinGecko OHLC)
    source     text          not null,
    fetched_at timestamptz   not null default now(),
    primary key (symbol, bar_interval, bar_time),
    check (high >= low and high >= open and high >= close and low <= open and low <= close)
);

-- Economic indicators (FRED observations); '.' (no value) is never stored.
create table economic_observations (
    series_id  text          not null check (series_id ~ '^[A-Z0-9_]{1,40}$'),
    obs_date   date          not null,
    value      numeric(24, 8) not null,
    source     text          not null,
    fetched_at timestamptz   not null default now(),
    primary key (series_id, obs_date)
);

-- A trained model: the family it serves, its final training window and its walk-forward out-of-sample metrics.
create table model_versions (
    version            text primary key,
    asset_class        text        not null check (asset_class in ('stock', 'crypto', 'forex')),
    simulated          boolean     not null,
    algorithm          text        not null,
    parameters         jsonb       not null,
    feature_names      jsonb       not null,
    train_from         timestamptz not null,
    train_to           timestamptz not null,
    train_samples      int         not null check (train_samples > 0),
    folds              int         not null check (folds >= 0),
    oos_samples        int         not null check (oos_samples >= 0), -- test-window samples the folds classified
    oos_classifier_hits int        not null check (oos_classifier_hits between 0 and oos_samples),
    oos_signals        int         not null check (oos_signals >= 0), -- of them, confident enough to be a signal
    oos_target_first   int         not null check (oos_target_first between 0 and oos_signals),
    evaluation_millis  bigint      not null,
    model              bytea       not null, -- Tribuo protobuf
    trained_at         timestamptz not null,
    active             boolean     not null default false
);
create unique index model_versions_one_active on model_versions (asset_class, simulated) where active;

create table model_folds (
    version     text        not null references model_versions (version) on delete cascade,
    fold        int         not null,
    train_from  timestamptz not null,
    train_to    timestamptz not null,
    test_from   timestamptz not null,
    test_to     timestamptz not null,
    train_samples int       not null,
    test_samples  int       not null,
    classifier_hits int     not null,
    signals     int         not null,
    target_first int        not null,
    primary key (version, fold)
);

-- Walk-forward (out-of-sample) trades. Backtests live here only; live signals live in `signals`: never mixed.
create table backtest_trades (
    id           bigint generated always as identity primary key,
    version      text          not null references model_versions (version) on delete cascade,
    fold         int           not null,
    symbol       text          not null,
    asset_class  text          not null check (asset_class in ('stock', 'crypto', 'forex')),
    simulated    boolean       not null,
    direction    text          not null check (direction in ('long', 'short')),
    confidence   numeric(6, 5) not null check (confidence between 0 and 1),
    entry_at     timestamptz   not null,
    entry        numeric(24, 10) not null,
    target       numeric(24, 10) not null,
    stop         numeric(24, 10) not null,
    exit_at      timestamptz   not null,
    exit_price   numeric(24, 10) not null,
    outcome      text          not null check (outcome in ('target_first', 'stop_first', 'horizon')),
    return_pct   numeric(12, 6) not null
);
create index backtest_trades_report on backtest_trades (version, asset_class, simulated, exit_at);

-- Live signals. At most one open signal per instrument and direction.
create table signals (
    id            uuid primary key,
    symbol        text          not null references instruments (symbol),
    asset_class   text          not null check (asset_class in ('stock', 'crypto', 'forex')),
    direction     text          not null check (direction in ('long', 'short')),
    entry         numeric(24, 10) not null check (entry > 0),
    target        numeric(24, 10) not null check (target > 0),
    stop          numeric(24, 10) not null check (stop > 0),
    horizon       text          not null, -- ISO-8601 duration
    horizon_bars  int           not null check (horizon_bars > 0),
    bar_interval  text          not null,
    basis_bar_at  timestamptz   not null, -- the bar whose close is the entry
    expires_at    timestamptz   not null,
    confidence    numeric(6, 5) not null check (confidence between 0 and 1),
    model_version text          not null references model_versions (version),
    generated_at  timestamptz   not null,
    simulated     boolean       not null,
    status        text          not null default 'open' check (status in ('open', 'resolved')),
    outcome       text check (outcome in ('target_first', 'stop_first', 'horizon')),
    exit_price    numeric(24, 10),
    exit_at       timestamptz,
    return_pct    numeric(12, 6),
    resolved_at   timestamptz,
    check ((direction = 'long' and target > entry and stop < entry) or (direction = 'short' and target < entry and stop > entry)),
    check ((status = 'open') = (outcome is null)),
    unique (symbol, direction, basis_bar_at)
);
create unique index signals_one_open_per_direction on signals (symbol, direction) where status = 'open';
-- /v1/signals pages newest first, filtered by asset class and status: keyset pagination over these
create index signals_page on signals (generated_at desc, id desc);
create index signals_page_by_class on signals (asset_class, generated_at desc, id desc);
create index signals_page_by_class_status on signals (asset_class, status, generated_at desc, id desc);
create index signals_open on signals (symbol) where status = 'open';
create index signals_resolved on signals (resolved_at) where status = 'resolved';

-- Quotas of institutional clients, fed by enterprise-service events (api_client.*, contract.*).
create table api_clients (
    client_id       text primary key,
    organisation_id text,
    scopes          text        not null default '',
    quota_per_hour  int         check (quota_per_hour > 0),
    revoked         boolean     not null default false,
    updated_at      timestamptz not null
);
create table contracts (
    contract_id     text primary key,
    organisation_id text        not null,
    request_quota_per_month bigint check (request_quota_per_month > 0),
    start_date      date        not null,
    end_date        date        not null,
    status          text        not null check (status in ('active', 'expired')),
    updated_at      timestamptz not null
);
create index contracts_by_organisation on contracts (organisation_id, end_date desc);

-- Metered /v1 requests per caller and hour.
create table api_usage (
    caller      text        not null,
    hour        timestamptz not null,
    tier        text        not null,
    requests    bigint      not null check (requests >= 0),
    primary key (caller, hour)
);

-- Client webhooks: endpoints, their signing secrets (encrypted), and one row per delivery with its attempts.
create table webhook_endpoints (
    id                      uuid primary key,
    client_id               text        not null,
    url                     text        not null,
    description             text,
    secret_ciphertext       text        not null,
    previous_secret_ciphertext text,
    previous_secret_valid_until timestamptz,
    active                  boolean     not null default true,
    created_at              timestamptz not null,
    secret_rotated_at       timestamptz not null
);
create index webhook_endpoints_by_client on webhook_endpoints (client_id) where active;

create table webhook_deliveries (
    id              uuid primary key,
    endpoint_id     uuid        not null references webhook_endpoints (id) on delete cascade,
    event_id        text        not null,
    event_type      text        not null,
    payload         text        not null,
    status          text        not null check (status in ('pending', 'delivered', 'failed')),
    attempts        int         not null default 0,
    next_attempt_at timestamptz not null,
    locked_until    timestamptz,
    created_at      timestamptz not null,
    delivered_at    timestamptz,
    unique (endpoint_id, event_id)
);
create index webhook_deliveries_due on webhook_deliveries (next_attempt_at) where status = 'pending';

create table webhook_attempts (
    delivery_id  uuid        not null references webhook_deliveries (id) on delete cascade,
    attempt      int         not null,
    attempted_at timestamptz not null,
    status_code  int,
    error        text,
    duration_ms  bigint      not null,
    primary key (delivery_id, attempt)
);
