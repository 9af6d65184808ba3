package com.aifinance.billing.provider;

/** The provider's keys are not set in this environment. */
public class ProviderNotConfigured extends RuntimeException {

    private final ProviderName provider;

    public ProviderNotConfigured(ProviderName provider, String missing) {
        super(provider.code() + " is not configured (" + missing + " is not set)");
        this.provider = provider;
    }

    public ProviderName provider() {
        return provider;
    }
}
