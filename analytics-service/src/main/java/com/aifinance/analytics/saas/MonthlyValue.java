package com.aifinance.analytics.saas;

/** What a subscription or a contract contributes to MRR, by the definitions in docs/analytics.md. */
public final class MonthlyValue {

    private MonthlyValue() {
    }

    /**
     * Active and past-due subscriptions count (past-due is still owed and not yet lost); trials, cancelled and
     * expired ones count zero, and so does a free plan (its price is zero). Annual prices count ÷ 12.
     */
    public static long ofSubscription(String status, String billingInterval, long amountMinor) {
        if (!countsAsActive(status)) {
            return 0;
        }
        return "year".equals(billingInterval) ? twelfth(amountMinor) : amountMinor;
    }

    public static boolean countsAsActive(String status) {
        return "active".equals(status) || "past_due".equals(status);
    }

    /** An institutional contract counts its annual value ÷ 12. */
    public static long ofContract(long annualValueMinor) {
        return twelfth(annualValueMinor);
    }

    /** A twelfth, rounded half-up to the minor unit. */
    static long twelfth(long amountMinor) {
        return Math.floorDiv(amountMinor + 6, 12);
    }
}
