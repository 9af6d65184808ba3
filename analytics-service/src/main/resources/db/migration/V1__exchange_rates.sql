-- Daily exchange rates used to report revenue in one currency: how many US dollars one unit of the currency buys.
create table exchange_rates (
    rate_date    date           not null,
    currency     char(3)        not null check (currency ~ '^[A-Z]{3}$'),
    usd_per_unit numeric(20, 10) not null check (usd_per_unit > 0),
    source       text           not null,
    primary key (rate_date, currency)
);
