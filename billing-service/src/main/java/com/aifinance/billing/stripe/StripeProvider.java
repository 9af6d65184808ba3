package com.aifinance.billing.stripe;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.aifinance.billing.provider.IdempotencyKeys;
import com.aifinance.billing.provider.PaymentProvider;
import com.aifinance.billing.provider.PlanPrice;
import com.aifinance.billing.provider.ProviderFailure;
import com.aifinance.billing.provider.ProviderName;
import com.aifinance.billing.provider.ProviderNotConfigured;
import com.aifinance.billing.provider.ProviderPrices;
import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.CardException;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.Event;
import com.stripe.model.Invoice;
import com.stripe.model.InvoicePayment;
import com.stripe.model.Price;
import com.stripe.model.Refund;
import com.stripe.model.Subscription;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.EventListParams;
import com.stripe.param.InvoiceListParams;
import com.stripe.param.InvoicePayParams;
import com.stripe.param.InvoicePaymentListParams;
import com.stripe.param.PriceCreateParams;
import com.stripe.param.PriceListParams;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.RefundListParams;
import com.stripe.param.SubscriptionCancelParams;
import com.stripe.param.SubscriptionUpdateParams;
import com.stripe.param.checkout.SessionCreateParams;
import org.springframework.stereotype.Component;

/** Stripe, for USD: stripe-java's {@link StripeClient} against a configurable API base. */
@Component
class StripeProvider implements PaymentProvider {

    static final String SUBSCRIPTION_METADATA = "billing_subscription_id";

    private final StripeProperties properties;
    private final ProviderPrices prices;
    private final StripeClient client;

    StripeProvider(StripeProperties properties, ProviderPrices prices) {
        this.properties = properties;
        this.prices = prices;
        this.client = properties.apiConfigured() ? StripeClient.builder()
                .setApiKey(properties.apiKey())
                .setApiBase(properties.apiBase())
                .setMaxNetworkRetries(properties.maxNetworkRetries())
                .setConnectTimeout((int) properties.connectTimeout().toMillis())
                .setReadTimeout((int) properties.readTimeout().toMillis())
                .build() : null;
    }

    @Override
    public ProviderName name() {
        return ProviderName.STRIPE;
    }

    @Override
    public boolean configured() {
        return client != null;
    }

    @Override
    public boolean supportsCurrency(String currency) {
        return "USD".equals(currency);
    }

    @Override
    public ProviderCustomer createCustomer(CustomerDetails customer, String idempotencyKey) {
        CustomerCreateParams.Builder params = CustomerCreateParams.builder()
                .putMetadata("user_id", customer.userId());
        if (customer.email() != null) {
            params.setEmail(customer.email());
        }
        if (customer.organisationId() != null) {
            params.putMetadata("organisation_id", customer.organisationId());
        }
        Customer created = call(() -> stripe().v1().customers().create(params.build(), options(idempotencyKey)));
        return new ProviderCustomer(created.getId());
    }

    @Override
    public PaymentPage startSubscription(SubscriptionStart start, String idempotencyKey) {
        String price = priceFor(start.plan());
        SessionCreateParams params = SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.SUBSCRIPTION)
                .setCustomer(start.providerCustomerId())
                .setClientReferenceId(start.billingSubscriptionId())
                .addLineItem(SessionCreateParams.LineItem.builder().setPrice(price).setQuantity(1L).build())
                .setSubscriptionData(SessionCreateParams.SubscriptionData.builder()
                        .putMetadata(SUBSCRIPTION_METADATA, start.billingSubscriptionId())
                        .putMetadata("user_id", start.userId())
                        .putMetadata("plan_code", start.plan().code())
                        .build())
                .putMetadata(SUBSCRIPTION_METADATA, start.billingSubscriptionId())
                .setSuccessUrl(start.successUrl())
                .setCancelUrl(start.cancelUrl())
                .build();
        Session session = call(() -> stripe().v1().checkout().sessions().create(params, options(idempotencyKey)));
        return new PaymentPage(session.getUrl(), session.getSubscription(), session.getId());
    }

    @Override
    public void changePlan(PlanChange change, String idempotencyKey) {
        Subscription subscription = call(() -> stripe().v1().subscriptions().retrieve(change.providerSubscriptionId()));
        String itemId = subscription.getItems().getData().getFirst().getId();
        String price = priceFor(change.to());
        SubscriptionUpdateParams params = SubscriptionUpdateParams.builder()
                .addItem(SubscriptionUpdateParams.Item.builder().setId(itemId).setPrice(price).build())
                // An upgrade is invoiced and charged now for the rest of the period; a downgrade starts with the
                // next period (the customer keeps what they paid for until then).
                .setProrationBehavior(change.immediately() ? SubscriptionUpdateParams.ProrationBehavior.ALWAYS_INVOICE
                        : SubscriptionUpdateParams.ProrationBehavior.NONE)
                .putMetadata("plan_code", change.to().code())
                .build();
        call(() -> stripe().v1().subscriptions().update(change.providerSubscriptionId(), params, options(idempotencyKey)));
    }

    @Override
    public void cancelSubscription(String providerSubscriptionId, boolean atPeriodEnd, String idempotencyKey) {
        if (atPeriodEnd) {
            call(() -> stripe().v1().subscriptions().update(providerSubscriptionId,
                    SubscriptionUpdateParams.builder().setCancelAtPeriodEnd(true).build(), options(idempotencyKey)));
        } else {
            call(() -> stripe().v1().subscriptions().cancel(providerSubscriptionId,
                    SubscriptionCancelParams.builder().build(), options(idempotencyKey)));
        }
    }

    @Override
    public void undoCancellation(String providerSubscriptionId, String idempotencyKey) {
        call(() -> stripe().v1().subscriptions().update(providerSubscriptionId,
                SubscriptionUpdateParams.builder().setCancelAtPeriodEnd(false).build(), options(idempotencyKey)));
    }

    @Override
    public ProviderRefund refund(RefundOrder order, String idempotencyKey) {
        // Since API version basil, invoices no longer name their charge: the invoice's payments do.
        List<InvoicePayment> payments = call(() -> stripe().v1().invoicePayments().list(
                InvoicePaymentListParams.builder().setInvoice(order.providerPaymentReference()).build())).getData();
        String paymentIntent = payments.stream()
                .filter(payment -> "paid".equals(payment.getStatus()) && payment.getPayment() != null
                        && payment.getPayment().getPaymentIntent() != null)
                .map(payment -> payment.getPayment().getPaymentIntent())
                .findFirst()
                .orElseThrow(() -> new ProviderFailure(ProviderName.STRIPE, true, "no_payment_intent",
                        "invoice " + order.providerPaymentReference() + " has no paid payment intent to refund", null));
        RefundCreateParams params = RefundCreateParams.builder()
                .setPaymentIntent(paymentIntent)
                .setAmount(order.amountMinor())
                .setReason(RefundCreateParams.Reason.REQUESTED_BY_CUSTOMER)
                .putMetadata("aifa_payment_id", order.paymentId())
                .putMetadata("aifa_refund_id", order.refundId())
                .putMetadata("reason", order.reason())
                .build();
        Refund refund = call(() -> stripe().v1().refunds().create(params, options(idempotencyKey)));
        if ("failed".equals(refund.getStatus()) || "canceled".equals(refund.getStatus())) {
            throw new ProviderFailure(ProviderName.STRIPE, true, "refund_" + refund.getStatus(),
                    "refund " + refund.getId() + " " + refund.getStatus(), null);
        }
        return new ProviderRefund(refund.getId(), !"succeeded".equals(refund.getStatus()));
    }

    @Override
    public RetryOutcome retryPayment(RetryOrder order, String idempotencyKey) {
        try {
            Invoice invoice = stripe().v1().invoices().pay(order.providerInvoiceId(), InvoicePayParams.builder().build(),
                    options(idempotencyKey));
            return "paid".equals(invoice.getStatus()) ? RetryOutcome.succeeded()
                    : RetryOutcome.failed("invoice " + invoice.getStatus());
        } catch (CardException declined) {
            return RetryOutcome.failed(declined.getCode() != null ? declined.getCode() : "card_declined");
        } catch (StripeException e) {
            throw failure(e);
        }
    }

    @Override
    public ProviderActivity activity(Instant from, Instant to) {
        long gte = from.getEpochSecond();
        long lte = to.getEpochSecond();
        List<ProviderMovement> payments = new ArrayList<>();
        for (Invoice invoice : call(() -> stripe().v1().invoices().list(InvoiceListParams.builder()
                .setStatus(InvoiceListParams.Status.PAID).setLimit(100L)
                .setCreated(InvoiceListParams.Created.builder().setGte(gte).setLte(lte).build())
                .build())).autoPagingIterable()) {
            if (invoice.getAmountPaid() != null && invoice.getAmountPaid() > 0) {
                Long paidAt = invoice.getStatusTransitions() != null ? invoice.getStatusTransitions().getPaidAt() : null;
                payments.add(new ProviderMovement(invoice.getId(), invoice.getAmountPaid(),
                        invoice.getCurrency().toUpperCase(Locale.ROOT),
                        Instant.ofEpochSecond(paidAt != null ? paidAt : invoice.getCreated())));
            }
        }
        List<ProviderMovement> refunds = new ArrayList<>();
        for (Refund refund : call(() -> stripe().v1().refunds().list(RefundListParams.builder().setLimit(100L)
                .setCreated(RefundListParams.Created.builder().setGte(gte).setLte(lte).build())
                .build())).autoPagingIterable()) {
            if ("succeeded".equals(refund.getStatus())) {
                refunds.add(new ProviderMovement(refund.getId(), refund.getAmount(),
                        refund.getCurrency().toUpperCase(Locale.ROOT), Instant.ofEpochSecond(refund.getCreated())));
            }
        }
        List<String> events = new ArrayList<>();
        for (Event event : call(() -> stripe().v1().events().list(EventListParams.builder().setLimit(100L)
                .setCreated(EventListParams.Created.builder().setGte(gte).setLte(lte).build())
                .build())).autoPagingIterable()) {
            events.add(event.getId());
        }
        return new ProviderActivity(payments, refunds, events, true);
    }

    /** The Stripe price for a catalog plan: ours if we made it before, else found by lookup key, else created. */
    private String priceFor(PlanPrice plan) {
        return prices.find(ProviderName.STRIPE, plan).orElseGet(() -> {
            String lookupKey = plan.code() + "-" + plan.priceMinor();
            String id = call(() -> stripe().v1().prices().list(PriceListParams.builder().addLookupKey(lookupKey)
                    .setActive(true).build())).getData().stream().findFirst().map(Price::getId)
                    .orElseGet(() -> call(() -> stripe().v1().prices().create(PriceCreateParams.builder()
                            .setCurrency(plan.currency().toLowerCase(Locale.ROOT))
                            .setUnitAmount(plan.priceMinor())
                            .setLookupKey(lookupKey)
                            .setRecurring(PriceCreateParams.Recurring.builder()
                                    .setInterval("year".equals(plan.billingInterval())
                                            ? PriceCreateParams.Recurring.Interval.YEAR
                                            : PriceCreateParams.Recurring.Interval.MONTH)
                                    .build())
                            .setProductData(PriceCreateParams.ProductData.builder().setName(plan.description()).build())
                            .putMetadata("plan_code", plan.code())
                            .build(), options(IdempotencyKeys.of("stripe-price",
                            plan.code(), plan.priceMinor())))).getId());
            prices.remember(ProviderName.STRIPE, plan, id);
            return id;
        });
    }

    private StripeClient stripe() {
        if (client == null) {
            throw new ProviderNotConfigured(ProviderName.STRIPE, "STRIPE_API_KEY");
        }
        return client;
    }

    private static RequestOptions options(String idempotencyKey) {
        return RequestOptions.builder().setIdempotencyKey(idempotencyKey).build();
    }

    private interface StripeCall<T> {
        T run() throws StripeException;
    }

    private static <T> T call(StripeCall<T> call) {
        try {
            return call.run();
        } catch (StripeException e) {
            throw failure(e);
        }
    }

    private static ProviderFailure failure(StripeException e) {
        Integer status = e.getStatusCode();
        boolean transientFailure = e instanceof ApiConnectionException || status == null || status == 429
                || status >= 500;
        String code = e instanceof CardException card && card.getCode() != null ? card.getCode() : e.getCode();
        return new ProviderFailure(ProviderName.STRIPE, !transientFailure, code,
                e.getStripeError() != null && e.getStripeError().getMessage() != null
                        ? e.getStripeError().getMessage() : e.getMessage(), e);
    }
}
