package com.aifinance.billing.provider;

/** A plan of subscription-service's catalog: what a provider is asked to charge. */
public record PlanPrice(String code, String tier, String billingInterval, String currency, long priceMinor) {

    public String description() {
        return "AI Finance Agency " + Character.toUpperCase(tier.charAt(0)) + tier.substring(1) + " ("
                + ("year".equals(billingInterval) ? "annual" : "monthly") + ")";
    }
}
