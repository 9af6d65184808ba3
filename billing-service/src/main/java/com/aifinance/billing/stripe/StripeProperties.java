package com.aifinance.billing.stripe;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Stripe ({@code aifa.billing.stripe.*}); secrets come from the environment only.
 *
 * @param apiKey            secret API key ({@code STRIPE_API_KEY}); blank = Stripe is not configured
 * @param webhookSecret     the endpoint's signing secret ({@code STRIPE_WEBHOOK_SECRET}, {@code whsec_…})
 * @param apiBase           Stripe's API base URL ({@code STRIPE_API_BASE}); a fake in tests
 * @param webhookTolerance  how old a signed webhook may be
 * @param maxNetworkRetries retries of one call by stripe-java itself, with the same idempotency key
 */
@ConfigurationProperties("aifa.billing.stripe")
public record StripeProperties(
        String apiKey,
        String webhookSecret,
        @DefaultValue("https://api.stripe.com") String apiBase,
        @DefaultValue("300s") Duration webhookTolerance,
        @DefaultValue("2") int maxNetworkRetries,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("20s") Duration readTimeout) {

    boolean apiConfigured() {
        return apiKey != null && !apiKey.isBlank();
    }

    boolean webhooksConfigured() {
        return webhookSecret != null && !webhookSecret.isBlank();
    }
}
