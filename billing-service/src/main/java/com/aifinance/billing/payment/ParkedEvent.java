package com.aifinance.billing.payment;

/**
 * A verified event billing cannot apply as it is (unknown customer, wrong currency, bad amount, unexpected shape):
 * kept for ops review with its reason, never half-applied.
 */
public class ParkedEvent extends RuntimeException {

    private final String reason;

    public ParkedEvent(String reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    /** A short stable code: {@code unknown_customer}, {@code currency_mismatch}, {@code non_positive_amount} … */
    public String reason() {
        return reason;
    }
}
