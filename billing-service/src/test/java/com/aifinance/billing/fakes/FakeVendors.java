package com.aifinance.billing.fakes;

import java.util.Map;

/** The fakes every billing test context talks to: one of each per test JVM. */
public final class FakeVendors {

    public static final String STRIPE_WEBHOOK_SECRET = "whsec_test_billing";
    public static final String RAZORPAY_WEBHOOK_SECRET = "rzp_webhook_secret_test";

    private static FakeStripe stripe;
    private static FakeRazorpay razorpay;
    private static FakeCatalog catalog;

    private FakeVendors() {
    }

    public static synchronized FakeStripe stripe() {
        if (stripe == null) {
            stripe = new FakeStripe();
        }
        return stripe;
    }

    public static synchronized FakeRazorpay razorpay() {
        if (razorpay == null) {
            razorpay = new FakeRazorpay();
        }
        return razorpay;
    }

    public static synchronized FakeCatalog catalog() {
        if (catalog == null) {
            catalog = new FakeCatalog();
        }
        return catalog;
    }

    /** The settings that point billing at the fakes. */
    public static Map<String, Object> properties() {
        return Map.ofEntries(
                Map.entry("aifa.billing.stripe.api-key", "sk_test_fake"),
                Map.entry("aifa.billing.stripe.webhook-secret", STRIPE_WEBHOOK_SECRET),
                Map.entry("aifa.billing.stripe.api-base", stripe().url()),
                Map.entry("aifa.billing.razorpay.key-id", "rzp_test_fake"),
                Map.entry("aifa.billing.razorpay.key-secret", "fake_secret"),
                Map.entry("aifa.billing.razorpay.webhook-secret", RAZORPAY_WEBHOOK_SECRET),
                Map.entry("aifa.billing.razorpay.api-base", razorpay().url()),
                Map.entry("aifa.billing.bank-transfer.beneficiary", "AI Finance Agency Ltd"),
                Map.entry("aifa.billing.bank-transfer.bank-name", "Test Bank"),
                Map.entry("aifa.billing.bank-transfer.iban", "GB33BUKB20201555555555"),
                Map.entry("aifa.billing.bank-transfer.swift", "BUKBGB22"),
                Map.entry("aifa.services.subscription", catalog().url()),
                // the ingest benchmark can measure intake alone with -Dbench.workers=0
                Map.entry("aifa.billing.webhooks.workers", System.getProperty("bench.workers", "1")));
    }
}
