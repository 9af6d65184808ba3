package com.aifinance.billing.problem;

import java.net.URI;
import java.util.Map;

import com.aifinance.common.web.ApiProblem;
import com.aifinance.common.web.ProblemTypes;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Billing's refusals: each answers with a stable problem type and is counted in
 * {@code billing_requests_refused_total{reason}} so ops see bad input arriving.
 */
@Component
public class BillingProblems {

    public static final URI CURRENCY_MISMATCH = ProblemTypes.of("currency-mismatch");
    public static final URI REFUND_EXCEEDS_PAYMENT = ProblemTypes.of("refund-exceeds-payment");
    public static final URI NON_POSITIVE_AMOUNT = ProblemTypes.of("non-positive-amount");
    public static final URI UNKNOWN_PLAN = ProblemTypes.of("unknown-plan");
    public static final URI CATALOG_UNAVAILABLE = ProblemTypes.of("catalog-unavailable");
    public static final URI PROVIDER_NOT_CONFIGURED = ProblemTypes.of("provider-not-configured");
    public static final URI PROVIDER_ERROR = ProblemTypes.of("provider-error");
    public static final URI PAYMENT_DECLINED = ProblemTypes.of("payment-declined");
    public static final URI SUBSCRIPTION_EXISTS = ProblemTypes.of("subscription-exists");
    public static final URI INVALID_STATE = ProblemTypes.of("invalid-state");
    public static final URI WEBHOOK_SIGNATURE_INVALID = ProblemTypes.of("webhook-signature-invalid");
    public static final URI WEBHOOK_TIMESTAMP_OUTSIDE_TOLERANCE = ProblemTypes.of("webhook-timestamp-outside-tolerance");
    public static final URI WEBHOOK_MALFORMED = ProblemTypes.of("webhook-malformed");

    private final MeterRegistry meters;

    BillingProblems(MeterRegistry meters) {
        this.meters = meters;
    }

    /** Counts the refusal under {@code reason} and returns the problem to throw. */
    public ApiProblem refuse(String reason, HttpStatus status, URI type, String title, String detail) {
        return refuse(reason, status, type, title, detail, Map.of());
    }

    public ApiProblem refuse(String reason, HttpStatus status, URI type, String title, String detail,
                             Map<String, Object> properties) {
        meters.counter("billing_requests_refused", "reason", reason).increment();
        return new ApiProblem(status, type, title, detail, properties);
    }

    public ApiProblem currencyMismatch(String detail) {
        return refuse("currency_mismatch", HttpStatus.UNPROCESSABLE_CONTENT, CURRENCY_MISMATCH, "Currency mismatch", detail);
    }

    public ApiProblem nonPositiveAmount(String detail) {
        return refuse("non_positive_amount", HttpStatus.BAD_REQUEST, NON_POSITIVE_AMOUNT, "Amount must be positive",
                detail);
    }

    public ApiProblem invalidState(String detail) {
        return refuse("invalid_state", HttpStatus.CONFLICT, INVALID_STATE, "Not possible in the current state", detail);
    }
}
