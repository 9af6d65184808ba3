package com.aifinance.analytics.signals;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The Wilson score interval of a proportion (95 %): unlike the normal approximation it stays inside 0–100 % and is
 * honest for small samples, which is why accuracy is never shown without it.
 */
final class WilsonInterval {

    private static final MathContext MC = MathContext.DECIMAL64;
    private static final BigDecimal Z = new BigDecimal("1.959963984540054");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private WilsonInterval() {
    }

    /** {@code [low, high]} in percent with two decimals, or null when {@code n} is zero. */
    static BigDecimal[] of(long successes, long n) {
        if (n == 0) {
            return null;
        }
        BigDecimal total = BigDecimal.valueOf(n);
        BigDecimal p = BigDecimal.valueOf(successes).divide(total, MC);
        BigDecimal z2 = Z.multiply(Z, MC);
        BigDecimal denominator = BigDecimal.ONE.add(z2.divide(total, MC), MC);
        BigDecimal centre = p.add(z2.divide(total.multiply(BigDecimal.TWO), MC), MC).divide(denominator, MC);
        BigDecimal spread = p.multiply(BigDecimal.ONE.subtract(p), MC).divide(total, MC)
                .add(z2.divide(total.multiply(total).multiply(BigDecimal.valueOf(4)), MC), MC)
                .sqrt(MC).multiply(Z, MC).divide(denominator, MC);
        return new BigDecimal[] {
                percent(centre.subtract(spread).max(BigDecimal.ZERO)),
                percent(centre.add(spread).min(BigDecimal.ONE))};
    }

    private static BigDecimal percent(BigDecimal fraction) {
        return fraction.multiply(HUNDRED).setScale(2, RoundingMode.HALF_UP);
    }
}
