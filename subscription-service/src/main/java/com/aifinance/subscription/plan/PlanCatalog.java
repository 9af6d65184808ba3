package com.aifinance.subscription.plan;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The active plans, as subscription-service sells them. */
@Component
public class PlanCatalog {

    private final JdbcClient jdbc;

    PlanCatalog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Plan> activePlans(String currency, String billingInterval) {
        return jdbc.sql("""
                        select code, tier, billing_interval, currency, price_minor from plans
                        where active and (:currency::text is null or currency = :currency)
                          and (:interval::text is null or billing_interval = :interval)
                        order by currency, billing_interval, price_minor""")
                .param("currency", currency)
                .param("interval", billingInterval)
                .query((rs, row) -> new Plan(rs.getString("code"), rs.getString("tier"),
                        rs.getString("billing_interval"), rs.getString("currency"), rs.getLong("price_minor")))
                .list();
    }
}
