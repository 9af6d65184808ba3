package com.aifinance.billing.provider;

/**
 * A provider refused or could not be reached.
 *
 * @see #definitive() whether repeating the same call could succeed (a decline or a validation error will not)
 */
public class ProviderFailure extends RuntimeException {

    private final ProviderName provider;
    private final boolean definitive;
    private final String code;

    public ProviderFailure(ProviderName provider, boolean definitive, String code, String message, Throwable cause) {
        super(message, cause);
        this.provider = provider;
        this.definitive = definitive;
        this.code = code;
    }

    public ProviderName provider() {
        return provider;
    }

    public boolean definitive() {
        return definitive;
    }

    /** The provider's error code (e.g. {@code card_declined}, {@code BAD_REQUEST_ERROR}), or null. */
    public String code() {
        return code;
    }
}
