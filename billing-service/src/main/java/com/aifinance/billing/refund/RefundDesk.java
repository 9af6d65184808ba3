package com.aifinance.billing.refund;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import com.aifinance.billing.payment.Payment;
import com.aifinance.billing.payment.Payments;
import com.aifinance.billing.payment.Refund;
import com.aifinance.billing.payment.Refunds;
import com.aifinance.billing.problem.BillingProblems;
import com.aifinance.billing.provider.IdempotencyKeys;
import com.aifinance.billing.provider.PaymentProvider;
import com.aifinance.billing.provider.PaymentProviders;
import com.aifinance.billing.provider.ProviderFailure;
import com.aifinance.billing.provider.ProviderNotConfigured;
import com.aifinance.common.web.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Full and partial refunds through the payment's provider. The amount is reserved against the payment first (so
 * concurrent refunds can never exceed it), then the provider is called with the refund's id as idempotency key; a
 * call that did not get an answer is repeated with the same key until it does.
 */
@Component
class RefundDesk {

    private static final Logger log = LoggerFactory.getLogger(RefundDesk.class);

    private final Payments payments;
    private final Refunds refunds;
    private final PaymentProviders providers;
    private final BillingProblems problems;
    private final TransactionTemplate transactions;
    private final Clock clock;

    RefundDesk(Payments payments, Refunds refunds, PaymentProviders providers, BillingProblems problems,
               TransactionTemplate transactions, Clock clock) {
        this.payments = payments;
        this.refunds = refunds;
        this.providers = providers;
        this.problems = problems;
        this.transactions = transactions;
        this.clock = clock;
    }

    Refund refund(RefundController.RefundRequest request, String actor) {
        if (request.amountMinor() != null && request.amountMinor() <= 0) {
            throw problems.nonPositiveAmount("A refund must be a positive amount; leave amountMinor out to refund "
                    + "everything that is left.");
        }
        Refund reserved = transactions.execute(status -> {
            Payment payment = payments.lock(request.paymentId())
                    .orElseThrow(() -> ApiProblem.notFound("Payment " + request.paymentId()));
            if (request.currency() != null && !request.currency().equals(payment.currency())) {
                throw problems.currencyMismatch("Payment " + payment.id() + " was made in " + payment.currency()
                        + "; a refund in " + request.currency() + " is not possible.");
            }
            long amount = request.amountMinor() != null ? request.amountMinor() : payment.refundableMinor();
            if (amount <= 0) {
                throw problems.invalidState("Payment " + payment.id() + " is already fully refunded.");
            }
            if (!providers.get(payment.provider()).configured()) {
                throw new ProviderNotConfigured(payment.provider(), "its keys");
            }
            return refunds.reserve(payment, amount, request.reason(), actor).orElseThrow(() -> problems.refuse(
                    "refund_exceeds_payment", HttpStatus.UNPROCESSABLE_CONTENT, BillingProblems.REFUND_EXCEEDS_PAYMENT,
                    "Refund larger than what is left of the payment", "Payment " + payment.id() + " has "
                            + payment.refundableMinor() + " of " + payment.amountMinor() + " " + payment.currency()
                            + " (minor units) left to refund; " + amount + " was asked.",
                    Map.of("refundableMinor", payment.refundableMinor())));
        });
        return send(reserved);
    }

    /** Sends a reserved refund to its provider and books the answer; a missing answer leaves it pending. */
    private Refund send(Refund refund) {
        Payment payment = payments.find(refund.paymentId()).orElseThrow();
        PaymentProvider provider = providers.get(payment.provider());
        PaymentProvider.ProviderRefund done;
        try {
            done = provider.refund(new PaymentProvider.RefundOrder(payment.id().toString(), refund.id().toString(),
                    payment.providerPaymentId(), refund.amountMinor(), refund.currency(), refund.reason()),
                    IdempotencyKeys.of("refund", refund.id()));
        } catch (ProviderFailure failure) {
            if (failure.definitive()) {
                transactions.executeWithoutResult(status -> refunds.failed(refund.id(), failure.getMessage()));
                throw failure;
            }
            log.warn("Refund {} sent to {} without an answer; it is sent again with the same key", refund.id(),
                    payment.provider().code());
            return refunds.find(refund.id()).orElseThrow();
        } catch (ProviderNotConfigured notConfigured) {
            transactions.executeWithoutResult(status -> refunds.failed(refund.id(), notConfigured.getMessage()));
            throw notConfigured;
        }
        transactions.executeWithoutResult(status -> {
            if (done.pending()) {
                refunds.accepted(refund.id(), done.providerRefundId());
            } else {
                refunds.issued(refund.id(), done.providerRefundId(), clock.instant());
            }
        });
        return refunds.find(refund.id()).orElseThrow();
    }

    /** Refunds whose provider call got no answer are sent again, with the same idempotency key. */
    @Scheduled(fixedDelayString = "${aifa.billing.refund-retry-interval:5m}", initialDelayString = "90s")
    void resendUnanswered() {
        for (Refund refund : refunds.pendingSince(clock.instant().minus(Duration.ofMinutes(2)))) {
            try {
                send(refund);
            } catch (RuntimeException e) {
                log.warn("Refund {} still not accepted: {}", refund.id(), e.getMessage());
            }
        }
    }

}
