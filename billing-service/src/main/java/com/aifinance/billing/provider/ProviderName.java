package com.aifinance.billing.provider;

import java.util.Locale;

/** The ways the platform takes money; {@link #code()} is the value in the database, the API and events. */
public enum ProviderName {
    STRIPE, RAZORPAY, BANK_TRANSFER;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ProviderName fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
