package com.aifinance.billing.webhook;

/** A delivery refused before anything was stored. */
public class WebhookRejected extends RuntimeException {

    /** Why, as counted in {@code billing_webhooks_rejected_total{reason}}. */
    public enum Reason { SIGNATURE_INVALID, TIMESTAMP_OUTSIDE_TOLERANCE, MALFORMED }

    private final Reason reason;

    public WebhookRejected(Reason reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
