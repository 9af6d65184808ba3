package com.aifinance.analytics.ingest;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The integer keys of customers and revenue streams that {@code mrr_facts} uses instead of text ids. */
@Component
class RevenueKeys {

    private final JdbcClient jdbc;

    RevenueKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    int customer(String customerId) {
        return jdbc.sql("""
                        with created as (
                            insert into customers (customer_id) values (:id) on conflict (customer_id) do nothing
                            returning customer_key)
                        select customer_key from created
                        union all select customer_key from customers where customer_id = :id
                        limit 1""")
                .param("id", customerId).query(Integer.class).single();
    }

    int subscription(String subscriptionId) {
        return stream("s", subscriptionId);
    }

    int contract(String contractId) {
        return stream("c", contractId);
    }

    private int stream(String kind, String sourceId) {
        return jdbc.sql("""
                        with created as (
                            insert into revenue_streams (kind, source_id) values (:kind, :id)
                            on conflict (kind, source_id) do nothing returning stream_key)
                        select stream_key from created
                        union all select stream_key from revenue_streams where kind = :kind and source_id = :id
                        limit 1""")
                .param("kind", kind).param("id", sourceId).query(Integer.class).single();
    }
}
