package com.aifinance.billing.payment;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.aifinance.billing.customer.BillingCustomer;
import com.aifinance.billing.customer.BillingCustomers;
import com.aifinance.billing.dunning.Dunning;
import com.aifinance.billing.dunning.FailedPayment;
import com.aifinance.billing.invoice.Invoice;
import com.aifinance.billing.invoice.Invoices;
import com.aifinance.billing.ledger.Ledger;
import com.aifinance.billing.ledger.LedgerEntry;
import com.aifinance.billing.ledger.LedgerEntryType;
import com.aifinance.billing.subscription.BillingSubscription;
import com.aifinance.billing.subscription.BillingSubscriptions;
import com.aifinance.billing.subscription.ChangeCause;
import com.aifinance.billing.subscription.SubscriptionStatus;
import com.aifinance.common.events.EventStreams;
import com.aifinance.common.events.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Applies provider events to billing, inside the caller's transaction. Each handler is idempotent (the ledger, the
 * payments and the dunning cases are keyed by provider ids), so a redelivered or re-listed event changes nothing;
 * anything that cannot be applied as it is throws {@link ParkedEvent} before changing anything.
 */
@Component
public class PaymentEvents {

    /** What applying an event did. */
    public enum Outcome { APPLIED, ALREADY_APPLIED, STALE, IGNORED }

    private final BillingCustomers customers;
    private final BillingSubscriptions subscriptions;
    private final Payments payments;
    private final Refunds refunds;
    private final Invoices invoices;
    private final Ledger ledger;
    private final Dunning dunning;
    private final Outbox outbox;
    private final MeterRegistry meters;

    PaymentEvents(BillingCustomers customers, BillingSubscriptions subscriptions, Payments payments, Refunds refunds,
                  Invoices invoices, Ledger ledger, Dunning dunning, Outbox outbox, MeterRegistry meters) {
        this.customers = customers;
        this.subscriptions = subscriptions;
        this.payments = payments;
        this.refunds = refunds;
        this.invoices = invoices;
        this.ledger = ledger;
        this.dunning = dunning;
        this.outbox = outbox;
        this.meters = meters;
    }

    public Outcome apply(ProviderEvent event) {
        return switch (event) {
            case ProviderEvent.PaymentSucceeded paid -> paymentSucceeded(paid);
            case ProviderEvent.PaymentFailed failed -> paymentFailed(failed);
            case ProviderEvent.SubscriptionChanged changed -> subscriptionChanged(changed);
            case ProviderEvent.CheckoutCompleted completed -> checkoutCompleted(completed);
            case ProviderEvent.RefundSucceeded refunded -> refundSucceeded(refunded);
        };
    }

    private Outcome paymentSucceeded(ProviderEvent.PaymentSucceeded paid) {
        if (paid.amountMinor() == 0) {
            return Outcome.IGNORED; // a free invoice (trial, full credit): nothing was charged
        }
        positive(paid.amountMinor());
        if (paid.taxMinor() < 0 || paid.taxMinor() >= paid.amountMinor() || paid.feeMinor() < 0) {
            throw new ParkedEvent("malformed_payload", "tax " + paid.taxMinor() + " or fee " + paid.feeMinor()
                    + " does not fit an amount of " + paid.amountMinor());
        }
        Optional<BillingSubscription> named = subscriptions.find(paid.billingSubscriptionId(), paid.provider(),
                paid.providerSubscriptionId());
        BillingCustomer customer = customer(paid.provider(), paid.providerCustomerId(), named);
        sameCurrency(customer, named, paid.currency());
        if (payments.findByProviderPayment(paid.provider(), paid.providerPaymentId()).isPresent()) {
            return Outcome.ALREADY_APPLIED;
        }
        named.filter(found -> found.providerSubscriptionId() == null && paid.providerSubscriptionId() != null)
                .ifPresent(found -> subscriptions.linkProviderSubscription(found.id(), paid.providerSubscriptionId()));
        Optional<BillingSubscription> subscription = named.map(found -> rollOver(found, paid));
        String tier = subscription.map(BillingSubscription::tier).orElse(paid.tier());
        UUID paymentId = UUID.randomUUID();
        Payment payment = new Payment(paymentId, paid.provider(), paid.providerPaymentId(), customer.id(),
                customer.userId(), customer.organisationId(), subscription.map(BillingSubscription::id).orElse(null),
                null, tier, paid.amountMinor(), 0, paid.currency(), paid.paidAt());
        if (!payments.insert(payment)) {
            return Outcome.ALREADY_APPLIED; // a concurrent delivery of the same payment got there first
        }
        Invoice invoice = paid.invoiceId() != null
                ? invoices.find(UUID.fromString(paid.invoiceId())).orElseThrow()
                : invoices.issuePaid(new Invoices.Draft(customer.id(), customer.userId(), customer.organisationId(),
                null, payment.subscriptionId(), tier, paid.provider().code(), paid.providerPaymentId(), paid.currency(),
                List.of(Invoices.line(description(paid, subscription), 1, paid.amountMinor() - paid.taxMinor())),
                0, paid.taxMinor(), paid.taxMinor() > 0 ? "Tax" : null, null, null, customer.email(), null, paid.paidAt(),
                null),
                paid.paidAt());
        payments.attachInvoice(paymentId, invoice.id());
        ledger.record(LedgerEntry.of(LedgerEntryType.CHARGE, customer.id().toString(), customer.userId(), tier,
                paymentId, paid.amountMinor(), paid.currency(), paid.provider(), paid.providerPaymentId(),
                paid.paidAt(), description(paid, subscription)));
        if (paid.feeMinor() > 0) {
            ledger.record(LedgerEntry.of(LedgerEntryType.FEE, customer.id().toString(), customer.userId(), tier,
                    paymentId, paid.feeMinor(), paid.currency(), paid.provider(), paid.providerPaymentId(),
                    paid.paidAt(), paid.provider().code() + " fee"));
        }
        PaidPeriod period = subscription.map(found -> PaidPeriod.of(paid, found)).orElse(null);
        subscription.ifPresent(found -> {
            subscriptions.recordPaidPeriod(found.id(), period.end());
            if (dunning.recover(found.id(), paid.paidAt())) {
                subscriptions.applyStatus(found.id(), SubscriptionStatus.ACTIVE, paid.paidAt(), null, null,
                        ChangeCause.PAYMENT);
            }
        });
        publishPaid(payment, invoice, subscription.orElse(null), period);
        String revenueTier = tier != null ? tier : "unknown";
        AfterCommit.run(() -> meters.counter("revenue", "tier", revenueTier, "currency", paid.currency())
                .increment(paid.amountMinor()));
        return Outcome.APPLIED;
    }

    /**
     * A payment for a period starting at or after the end of the one a downgrade was scheduled for: the downgrade is
     * in force, and the payment is for the lower plan. Applied (and published) before the payment is.
     */
    private BillingSubscription rollOver(BillingSubscription found, ProviderEvent.PaymentSucceeded paid) {
        Instant paysFrom = paid.periodStart() != null ? paid.periodStart() : paid.paidAt();
        if (found.pendingPlanCode() != null && found.currentPeriodEnd() != null
                && !paysFrom.isBefore(found.currentPeriodEnd())
                && subscriptions.applyPendingPlan(found.id(), found.currentPeriodEnd(), ChangeCause.PERIOD_END)) {
            return subscriptions.find(found.id()).orElseThrow();
        }
        return found;
    }

    /** The period a subscription payment pays: the provider's, else one interval from the payment (bank transfer). */
    record PaidPeriod(Instant start, Instant end) {

        static PaidPeriod of(ProviderEvent.PaymentSucceeded paid, BillingSubscription subscription) {
            if (paid.periodStart() != null && paid.periodEnd() != null && paid.periodEnd().isAfter(paid.periodStart())) {
                return new PaidPeriod(paid.periodStart(), paid.periodEnd());
            }
            Period interval = "year".equals(subscription.billingInterval()) ? Period.ofYears(1) : Period.ofMonths(1);
            return new PaidPeriod(paid.paidAt(), paid.paidAt().atOffset(ZoneOffset.UTC).plus(interval).toInstant());
        }
    }

    private Outcome paymentFailed(ProviderEvent.PaymentFailed failed) {
        positive(failed.amountMinor());
        Optional<BillingSubscription> subscription = subscriptions.find(failed.billingSubscriptionId(),
                failed.provider(), failed.providerSubscriptionId());
        BillingCustomer customer = customer(failed.provider(), failed.providerCustomerId(), subscription);
        sameCurrency(customer, subscription, failed.currency());
        BillingSubscription known = subscription.orElseThrow(() -> new ParkedEvent("unknown_subscription",
                "payment failure for customer " + customer.id() + " names no subscription billing knows"));
        if (known.providerSubscriptionId() == null && failed.providerSubscriptionId() != null) {
            subscriptions.linkProviderSubscription(known.id(), failed.providerSubscriptionId());
            known = subscriptions.find(known.id()).orElseThrow();
        }
        boolean opened = dunning.open(new FailedPayment(failed.provider(), failed.providerInvoiceId(), known, customer,
                failed.amountMinor(), failed.currency(), failed.reason(), failed.failedAt()));
        return opened ? Outcome.APPLIED : Outcome.ALREADY_APPLIED;
    }

    private Outcome subscriptionChanged(ProviderEvent.SubscriptionChanged changed) {
        Optional<BillingSubscription> subscription = subscriptions.find(changed.billingSubscriptionId(),
                changed.provider(), changed.providerSubscriptionId());
        if (subscription.isEmpty()) {
            customer(changed.provider(), changed.providerCustomerId(), subscription); // parks unknown customers first
            throw new ParkedEvent("unknown_subscription", "subscription " + changed.providerSubscriptionId()
                    + " is not one billing started");
        }
        BillingSubscription found = subscription.get();
        if (found.providerSubscriptionId() == null && changed.providerSubscriptionId() != null) {
            subscriptions.linkProviderSubscription(found.id(), changed.providerSubscriptionId());
        }
        // the provider moved on to the next period: a downgrade scheduled for the end of the last one is in force
        if (found.pendingPlanCode() != null && found.currentPeriodEnd() != null && changed.currentPeriodEnd() != null
                && changed.currentPeriodEnd().isAfter(found.currentPeriodEnd())
                && !changed.eventAt().isBefore(found.currentPeriodEnd())) {
            subscriptions.applyPendingPlan(found.id(), found.currentPeriodEnd(), ChangeCause.PERIOD_END);
        }
        return subscriptions.applyStatus(found.id(), changed.status(), changed.eventAt(), changed.currentPeriodEnd(),
                changed.cancelAtPeriodEnd(), ChangeCause.PROVIDER) ? Outcome.APPLIED : Outcome.STALE;
    }

    private Outcome checkoutCompleted(ProviderEvent.CheckoutCompleted completed) {
        BillingSubscription subscription = subscriptions.find(completed.billingSubscriptionId(), completed.provider(),
                        completed.providerSubscriptionId())
                .orElseThrow(() -> new ParkedEvent("unknown_subscription", "checkout for subscription "
                        + completed.billingSubscriptionId() + " that billing did not start"));
        if (subscription.providerSubscriptionId() != null) {
            return Outcome.ALREADY_APPLIED;
        }
        subscriptions.linkProviderSubscription(subscription.id(), completed.providerSubscriptionId());
        return Outcome.APPLIED;
    }

    private Outcome refundSucceeded(ProviderEvent.RefundSucceeded refunded) {
        positive(refunded.amountMinor());
        Optional<Refund> ours = refunds.findByProviderRefund(refunded.providerRefundId())
                .or(() -> uuid(refunded.refundId()).flatMap(refunds::find));
        if (ours.isPresent()) {
            Refund refund = ours.get();
            if (!"pending".equals(refund.status())) {
                return Outcome.ALREADY_APPLIED;
            }
            if (refund.amountMinor() != refunded.amountMinor() || !refund.currency().equals(refunded.currency())) {
                throw new ParkedEvent("amount_mismatch", "refund " + refund.id() + " was asked for "
                        + refund.amountMinor() + " " + refund.currency() + " but the provider refunded "
                        + refunded.amountMinor() + " " + refunded.currency());
            }
            refunds.issued(refund.id(), refunded.providerRefundId(), refunded.refundedAt());
            return Outcome.APPLIED;
        }
        Payment payment = uuid(refunded.paymentId()).flatMap(payments::find)
                .or(() -> Optional.ofNullable(refunded.providerPaymentReference())
                        .flatMap(reference -> payments.findByProviderPayment(refunded.provider(), reference)))
                .orElseThrow(() -> new ParkedEvent("unknown_payment", "refund " + refunded.providerRefundId()
                        + " is for a payment billing has not recorded (" + refunded.providerPaymentReference() + ")"));
        if (!payment.currency().equals(refunded.currency())) {
            throw new ParkedEvent("currency_mismatch", "refund in " + refunded.currency() + " of a payment in "
                    + payment.currency());
        }
        if (!refunds.recordExternal(payment, refunded.providerRefundId(), refunded.amountMinor(),
                refunded.reason() != null ? refunded.reason() : "refunded at " + refunded.provider().code(),
                refunded.refundedAt())) {
            throw new ParkedEvent("refund_exceeds_payment", "refund of " + refunded.amountMinor() + " exceeds the "
                    + payment.refundableMinor() + " left of payment " + payment.id());
        }
        return Outcome.APPLIED;
    }

    private BillingCustomer customer(com.aifinance.billing.provider.ProviderName provider, String providerCustomerId,
                                     Optional<BillingSubscription> subscription) {
        return customers.findByProviderCustomer(provider, providerCustomerId)
                .or(() -> subscription.flatMap(found -> customers.find(found.customerId())))
                .orElseThrow(() -> new ParkedEvent("unknown_customer", "no billing customer for "
                        + provider.code() + " customer " + providerCustomerId));
    }

    private static void sameCurrency(BillingCustomer customer, Optional<BillingSubscription> subscription,
                                     String currency) {
        if (!customer.currency().equals(currency)) {
            throw new ParkedEvent("currency_mismatch", "payment in " + currency + " for customer " + customer.id()
                    + " who pays in " + customer.currency());
        }
        subscription.filter(found -> !found.currency().equals(currency)).ifPresent(found -> {
            throw new ParkedEvent("currency_mismatch", "payment in " + currency + " for subscription " + found.id()
                    + " priced in " + found.currency());
        });
    }

    private static void positive(long amountMinor) {
        if (amountMinor <= 0) {
            throw new ParkedEvent("non_positive_amount", "amount " + amountMinor + " is not positive");
        }
    }

    private static Optional<UUID> uuid(String value) {
        try {
            return Optional.ofNullable(value).map(UUID::fromString);
        } catch (IllegalArgumentException notOurs) {
            return Optional.empty();
        }
    }

    private static String description(ProviderEvent.PaymentSucceeded paid, Optional<BillingSubscription> subscription) {
        if (paid.description() != null) {
            return paid.description();
        }
        return subscription.map(found -> "Subscription " + found.planCode()).orElse("Payment " + paid.providerPaymentId());
    }

    private void publishPaid(Payment payment, Invoice invoice, BillingSubscription subscription, PaidPeriod period) {
        Map<String, Object> succeeded = new LinkedHashMap<>();
        succeeded.put("paymentId", payment.id().toString());
        succeeded.put("provider", payment.provider().code());
        succeeded.put("providerPaymentId", payment.providerPaymentId());
        succeeded.put("userId", payment.userId());
        succeeded.put("organisationId", payment.organisationId());
        succeeded.put("subscriptionId", subscription == null ? null : subscription.id().toString());
        succeeded.put("planCode", subscription == null ? null : subscription.planCode());
        succeeded.put("billingInterval", subscription == null ? null : subscription.billingInterval());
        succeeded.put("invoiceId", invoice.id().toString());
        succeeded.put("tier", payment.tier());
        succeeded.put("amountMinor", payment.amountMinor());
        succeeded.put("currency", payment.currency());
        succeeded.put("paidAt", payment.paidAt());
        succeeded.put("periodStart", period == null ? null : period.start());
        succeeded.put("periodEnd", period == null ? null : period.end());
        outbox.publish(EventStreams.BILLING, "payment.succeeded", subject(payment), succeeded);

        Map<String, Object> invoicePaid = new LinkedHashMap<>();
        invoicePaid.put("invoiceId", invoice.id().toString());
        invoicePaid.put("number", invoice.number());
        invoicePaid.put("userId", invoice.userId());
        invoicePaid.put("organisationId", invoice.organisationId());
        invoicePaid.put("contractId", invoice.contractId());
        invoicePaid.put("amountMinor", invoice.totalMinor());
        invoicePaid.put("currency", invoice.currency());
        invoicePaid.put("paidAt", payment.paidAt());
        outbox.publish(EventStreams.BILLING, "invoice.paid", subject(payment), invoicePaid);
    }

    /** Who paid: the user, or the organisation for contract invoices addressed to it. */
    static String subject(Payment payment) {
        return payment.userId() != null ? payment.userId() : payment.organisationId();
    }
}
