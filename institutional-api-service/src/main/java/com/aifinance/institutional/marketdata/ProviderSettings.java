package com.aifinance.institutional.marketdata;

import java.time.Duration;

/**
 * How to reach one market data vendor.
 *
 * @param enabled           null: enabled exactly when an API key is set
 * @param requestsPerMinute the vendor's rate limit, enforced on our side before calling
 */
public record ProviderSettings(String baseUrl, String apiKey, Boolean enabled, int requestsPerMinute,
                               Duration timeout) {

    public ProviderSettings {
        if (timeout == null) {
            timeout = Duration.ofSeconds(10);
        }
    }

    public boolean active() {
        return enabled != null ? enabled : apiKey != null && !apiKey.isBlank();
    }
}
