package com.aifinance.institutional.marketdata;

/** A market data vendor did not deliver; {@link Kind} decides whether to retry, trip the breaker or fall back. */
public class ProviderException extends RuntimeException {

    public enum Kind {
        /** The vendor's rate limit (HTTP 429, or Alpha Vantage's 200 with a {@code Note}/{@code Information}). */
        RATE_LIMITED,
        /** Network failure, timeout or 5xx: worth retrying. */
        UNAVAILABLE,
        /** The vendor refused this request (unknown symbol, bad key): retrying will not help. */
        REJECTED,
        /** The body is not what the vendor's format promises. */
        MALFORMED
    }

    private final String provider;
    private final Kind kind;

    public ProviderException(String provider, Kind kind, String message) {
        super(provider + ": " + message);
        this.provider = provider;
        this.kind = kind;
    }

    public String provider() {
        return provider;
    }

    public Kind kind() {
        return kind;
    }
}
