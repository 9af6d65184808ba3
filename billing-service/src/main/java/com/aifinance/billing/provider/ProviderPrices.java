package com.aifinance.billing.provider;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The provider's own id for a catalog price (Stripe price, Razorpay plan), created once and then reused. */
@Component
public class ProviderPrices {

    private final JdbcClient jdbc;

    ProviderPrices(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<String> find(ProviderName provider, PlanPrice plan) {
        return jdbc.sql("""
                        select provider_price_id from provider_prices
                        where provider = ? and plan_code = ? and amount_minor = ?""")
                .params(provider.code(), plan.code(), plan.priceMinor())
                .query(String.class).optional();
    }

    public void remember(ProviderName provider, PlanPrice plan, String providerPriceId) {
        jdbc.sql("""
                        insert into provider_prices (provider, plan_code, amount_minor, currency, provider_price_id)
                        values (?, ?, ?, ?, ?) on conflict do nothing""")
                .params(provider.code(), plan.code(), plan.priceMinor(), plan.currency(), providerPriceId)
                .update();
    }
}
