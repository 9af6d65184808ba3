package com.aifinance.institutional.accuracy;

/**
 * The Wilson score interval for a proportion: unlike "p ± 1.96·√(p(1−p)/n)" it stays inside [0, 1] and is honest for
 * small samples and proportions near 0 or 1.
 */
public record WilsonInterval(double low, double high) {

    /** The two-sided 95 % normal quantile. */
    public static final double Z95 = 1.959963984540054;

    /** The 95 % interval of {@code successes} out of {@code n}; null when n is zero (there is nothing to estimate). */
    public static WilsonInterval of(long successes, long n) {
        if (n <= 0) {
            return null;
        }
        if (successes < 0 || successes > n) {
            throw new IllegalArgumentException("successes must be between 0 and n");
        }
        double z2 = Z95 * Z95;
        double p = (double) successes / n;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2.0 * n)) / denominator;
        double half = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denominator;
        return new WilsonInterval(Math.max(0, centre - half), Math.min(1, centre + half));
    }
}
