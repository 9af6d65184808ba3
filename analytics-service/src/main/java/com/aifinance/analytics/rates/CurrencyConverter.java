package com.aifinance.analytics.rates;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Currency;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Converts minor units of any currency into minor units of the target currency at the rates of one day, rounding
 * each conversion half-up to the target's minor unit. Remembers results per amount, since reports convert the same
 * few price points many times.
 */
public final class CurrencyConverter {

    private static final String COUNTING_ONLY = "XXX";

    private final String target;
    private final LocalDate date;
    private final Function<String, Rate> rates;
    private final Map<String, BigDecimal> factors = new HashMap<>();
    private final Map<String, Map<Long, Long>> converted = new HashMap<>();
    private final Map<String, LocalDate> rateDates = new HashMap<>();

    CurrencyConverter(String target, LocalDate date, Function<String, Rate> rates) {
        this.target = target;
        this.date = date;
        this.rates = rates;
    }

    /**
     * A converter that leaves amounts as they are, for computations that only count customers (churn rate) when a
     * rate is missing: its money figures are not in one currency and must not be shown.
     */
    public static CurrencyConverter countingOnly(LocalDate date) {
        return new CurrencyConverter(COUNTING_ONLY, date, currency -> new Rate(date, BigDecimal.ONE));
    }

    public String target() {
        return target;
    }

    /** The day whose rates this converter applies. */
    public LocalDate date() {
        return date;
    }

    /** {@code minor} units of {@code currency} in minor units of the target currency. */
    public long convert(long minor, String currency) {
        if (currency.equals(target) || minor == 0 || COUNTING_ONLY.equals(target)) {
            return minor;
        }
        return converted.computeIfAbsent(currency, c -> new HashMap<>())
                .computeIfAbsent(minor, amount -> BigDecimal.valueOf(amount).multiply(factor(currency))
                        .setScale(0, RoundingMode.HALF_UP).longValueExact());
    }

    /** The rate dates used so far, per source currency (a rate is the latest stored on or before the day). */
    public Map<String, LocalDate> rateDates() {
        return Map.copyOf(rateDates);
    }

    private BigDecimal factor(String currency) {
        return factors.computeIfAbsent(currency, source -> {
            Rate from = rates.apply(source);
            Rate to = rates.apply(target);
            rateDates.put(source, from.date());
            if (!target.equals(ExchangeRates.BASE)) {
                rateDates.put(target, to.date());
            }
            int shift = digits(target) - digits(source);
            return from.usdPerUnit().divide(to.usdPerUnit(), java.math.MathContext.DECIMAL128).scaleByPowerOfTen(shift);
        });
    }

    static int digits(String currency) {
        return Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
    }

    /** A stored rate: US dollars per unit of a currency, as of a day. */
    record Rate(LocalDate date, BigDecimal usdPerUnit) {
    }
}
