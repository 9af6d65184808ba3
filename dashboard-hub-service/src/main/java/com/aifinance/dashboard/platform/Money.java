package com.aifinance.dashboard.platform;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;

/** Formats money kept as minor units with an ISO 4217 currency (never a double on the way). */
public final class Money {

    private Money() {
    }

    /** {@code 9900, "USD"} → {@code "USD 99.00"}; unknown currencies keep two decimals. */
    public static String format(long minor, String currency) {
        int digits = 2;
        try {
            digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (RuntimeException unknownCurrency) {
            // keep two decimals
        }
        BigDecimal major = BigDecimal.valueOf(minor, digits);
        NumberFormat format = NumberFormat.getNumberInstance(Locale.US);
        format.setMinimumFractionDigits(digits);
        format.setMaximumFractionDigits(digits);
        return (currency == null ? "" : currency + " ") + format.format(major);
    }

    /** The amount in major units as a plain decimal string, for charts. */
    public static String major(long minor, String currency) {
        int digits = 2;
        try {
            digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (RuntimeException unknownCurrency) {
            // keep two decimals
        }
        return BigDecimal.valueOf(minor, digits).toPlainString();
    }
}
