package com.aifinance.billing.razorpay;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Razorpay ({@code aifa.billing.razorpay.*}); secrets come from the environment only.
 *
 * @param keyId         API key id ({@code RAZORPAY_KEY_ID}); blank = Razorpay is not configured
 * @param keySecret     API key secret ({@code RAZORPAY_KEY_SECRET})
 * @param webhookSecret the secret set on the webhook in Razorpay's dashboard ({@code RAZORPAY_WEBHOOK_SECRET})
 * @param apiBase       Razorpay's API base URL ({@code RAZORPAY_API_BASE}); a fake in tests
 * @param retries       extra attempts of a call that failed in transit or with 5xx/429, with the same key
 * @param totalCount    billing cycles a subscription is created for (Razorpay needs an end)
 */
@ConfigurationProperties("aifa.billing.razorpay")
public record RazorpayProperties(
        String keyId,
        String keySecret,
        String webhookSecret,
        @DefaultValue("https://api.razorpay.com") String apiBase,
        @DefaultValue("2") int retries,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("20s") Duration readTimeout,
        @DefaultValue("120") int totalCount) {

    boolean apiConfigured() {
        return keyId != null && !keyId.isBlank() && keySecret != null && !keySecret.isBlank();
    }

    boolean webhooksConfigured() {
        return webhookSecret != null && !webhookSecret.isBlank();
    }
}
