package com.aifinance.billing.checkout;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Hosted checkout defaults ({@code aifa.billing.checkout.*}).
 *
 * @param successUrl where the provider sends the customer after paying, unless the request names a page
 * @param cancelUrl  where the provider sends a customer who gave up
 */
@ConfigurationProperties("aifa.billing.checkout")
public record CheckoutProperties(
        @DefaultValue("http://localhost:8080/billing/success") String successUrl,
        @DefaultValue("http://localhost:8080/billing/canceled") String cancelUrl) {
}
