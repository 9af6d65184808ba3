-- Usage batches from institutional-api-service, by the batch id it keeps on every resend: a resend is answered from
-- here and counted once; the same id with other content is refused. Rows older than the retention are pruned.
create table api_client_usage_batches (
    batch_id     uuid primary key,
    reported_by  text        not null,
    content_hash text        not null check (content_hash ~ '^[0-9a-f]{64}$'),
    results      text,
    received_at  timestamptz not null
);
create index api_client_usage_batches_by_time on api_client_usage_batches (received_at);
