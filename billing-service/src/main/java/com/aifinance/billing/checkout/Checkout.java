package com.aifinance.billing.checkout;

import java.time.Clock;
import java.util.UUID;

import com.aifinance.billing.catalog.PlanCatalog;
import com.aifinance.billing.customer.BillingCustomer;
import com.aifinance.billing.customer.BillingCustomers;
import com.aifinance.billing.problem.BillingProblems;
import com.aifinance.billing.provider.IdempotencyKeys;
import com.aifinance.billing.provider.PaymentProvider;
import com.aifinance.billing.provider.PaymentProviders;
import com.aifinance.billing.provider.PlanPrice;
import com.aifinance.billing.provider.ProviderName;
import com.aifinance.billing.provider.ProviderNotConfigured;
import com.aifinance.billing.subscription.BillingSubscription;
import com.aifinance.billing.subscription.BillingSubscriptions;
import com.aifinance.billing.subscription.ChangeCause;
import com.aifinance.billing.subscription.SubscriptionStatus;
import com.aifinance.common.security.Caller;
import com.aifinance.common.web.ApiProblem;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starting, changing and ending subscriptions at the provider. Provider calls happen outside database transactions,
 * each with a key derived from our ids (and, for changes, how many changes came before), so a request retried after
 * a failure reuses what the first attempt created. The local change and its event on {@code aifa.billing} are then
 * written in one transaction.
 */
@Component
class Checkout {

    private final PlanCatalog catalog;
    private final PaymentProviders providers;
    private final BillingCustomers customers;
    private final BillingSubscriptions subscriptions;
    private final BillingProblems problems;
    private final CheckoutProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Checkout(PlanCatalog catalog, PaymentProviders providers, BillingCustomers customers,
             BillingSubscriptions subscriptions, BillingProblems problems, CheckoutProperties properties,
             TransactionTemplate transactions, Clock clock) {
        this.catalog = catalog;
        this.providers = providers;
        this.customers = customers;
        this.subscriptions = subscriptions;
        this.problems = problems;
        this.properties = properties;
        this.transactions = transactions;
        this.clock = clock;
    }

    record Started(BillingSubscription subscription, boolean reused) {
    }

    Started start(Caller caller, CheckoutController.CheckoutRequest request) {
        PlanPrice plan = plan(request.planCode());
        boolean bankTransfer = "bank_transfer".equals(request.paymentMethod());
        if (bankTransfer && !"enterprise".equals(plan.tier())) {
            throw problems.refuse("bank_transfer_not_allowed", HttpStatus.UNPROCESSABLE_CONTENT,
                    BillingProblems.INVALID_STATE, "Bank transfer not available",
                    "Bank transfer is for enterprise plans and institutional contracts; pay " + plan.tier()
                            + " plans by card.");
        }
        PaymentProvider provider = bankTransfer ? providers.get(ProviderName.BANK_TRANSFER)
                : providers.forCurrency(plan.currency());
        if (!provider.configured()) {
            throw new ProviderNotConfigured(provider.name(), "its keys");
        }
        String userId = caller.subject();
        customers.forUser(userId).stream().filter(customer -> !customer.currency().equals(plan.currency()))
                .findFirst().ifPresent(other -> {
                    throw problems.currencyMismatch("Your billing account pays in " + other.currency() + "; plan "
                            + plan.code() + " is priced in " + plan.currency() + ".");
                });
        BillingSubscription subscription = null;
        var open = subscriptions.openForUser(userId);
        if (open.isPresent()) {
            BillingSubscription existing = open.get();
            if (!SubscriptionStatus.INCOMPLETE.equals(existing.status())) {
                throw problems.refuse("subscription_exists", HttpStatus.CONFLICT, BillingProblems.SUBSCRIPTION_EXISTS,
                        "Already subscribed", "You already have a " + existing.status() + " subscription ("
                                + existing.planCode() + "); change its plan instead.");
            }
            if (existing.planCode().equals(plan.code()) && existing.provider() == provider.name()) {
                if (existing.paymentPageUrl() != null) {
                    return new Started(existing, true);
                }
                subscription = existing; // an earlier attempt failed before the provider answered: same key again
            } else {
                transactions.executeWithoutResult(status -> subscriptions.applyStatus(existing.id(),
                        SubscriptionStatus.CANCELED, clock.instant(), null, null, ChangeCause.CHECKOUT_REPLACED));
            }
        }
        BillingCustomer customer = customer(caller, provider, plan.currency());
        if (subscription == null) {
            try {
                subscription = subscriptions.create(userId, caller.organisation(), customer.id(), provider.name(), plan);
            } catch (DuplicateKeyException concurrent) {
                throw ApiProblem.conflict("Another checkout for your account is in progress; retry in a moment.");
            }
        }
        PaymentProvider.PaymentPage page = provider.startSubscription(new PaymentProvider.SubscriptionStart(
                subscription.id().toString(), customer.id().toString(), customer.providerCustomerId(), userId,
                caller.organisation(), customer.email(), plan,
                request.successUrl() != null ? request.successUrl() : properties.successUrl(),
                request.cancelUrl() != null ? request.cancelUrl() : properties.cancelUrl()),
                IdempotencyKeys.of("checkout", subscription.id()));
        subscriptions.recordPaymentPage(subscription.id(), page.url(), page.providerSubscriptionId());
        return new Started(subscriptions.find(subscription.id()).orElseThrow(), false);
    }

    BillingSubscription changePlan(Caller caller, UUID subscriptionId, String planCode) {
        BillingSubscription subscription = owned(caller, subscriptionId);
        if (!SubscriptionStatus.ACTIVE.equals(subscription.status())
                && !SubscriptionStatus.TRIALING.equals(subscription.status())) {
            throw problems.invalidState("Only an active subscription can change plan; this one is "
                    + subscription.status() + ".");
        }
        if (subscription.provider() == ProviderName.BANK_TRANSFER) {
            throw problems.invalidState("Contracts paid by bank transfer change through your account manager.");
        }
        PlanPrice plan = plan(planCode);
        if (plan.code().equals(subscription.planCode())) {
            throw problems.invalidState("The subscription is already on " + plan.code() + ".");
        }
        if (!plan.currency().equals(subscription.currency())) {
            throw problems.currencyMismatch("The subscription is billed in " + subscription.currency() + "; plan "
                    + plan.code() + " is priced in " + plan.currency() + ".");
        }
        PlanPrice current = new PlanPrice(subscription.planCode(), subscription.tier(), subscription.billingInterval(),
                subscription.currency(), subscription.amountMinor());
        boolean upgrade = monthly(plan) > monthly(current);
        providers.get(subscription.provider()).changePlan(new PaymentProvider.PlanChange(
                        subscription.providerSubscriptionId(), current, plan, upgrade),
                IdempotencyKeys.of("plan-change", subscription.id(), current.code(), plan.code(),
                        subscriptions.changeCount(subscription.id())));
        ChangeCause cause = cause(caller, subscription);
        return transactions.execute(status -> upgrade
                ? subscriptions.changePlanNow(subscription.id(), plan, clock.instant(), cause)
                : subscriptions.scheduleDowngrade(subscription.id(), plan, clock.instant(), cause));
    }

    BillingSubscription cancel(Caller caller, UUID subscriptionId, boolean atPeriodEnd) {
        BillingSubscription subscription = owned(caller, subscriptionId);
        if (!subscription.open()) {
            throw problems.invalidState("The subscription is already canceled.");
        }
        boolean started = subscription.providerSubscriptionId() != null
                && !SubscriptionStatus.INCOMPLETE.equals(subscription.status());
        boolean later = atPeriodEnd && started;
        if (later && subscription.cancelAtPeriodEnd()) {
            return subscription; // already ends at the period end: nothing to ask the provider again
        }
        if (subscription.providerSubscriptionId() != null) {
            providers.get(subscription.provider()).cancelSubscription(subscription.providerSubscriptionId(), later,
                    IdempotencyKeys.of("cancel", subscription.id(), later, subscriptions.changeCount(subscription.id())));
        }
        ChangeCause cause = cause(caller, subscription);
        return transactions.execute(status -> {
            if (later) {
                subscriptions.scheduleCancellation(subscription.id(), clock.instant(), cause);
            } else {
                subscriptions.applyStatus(subscription.id(), SubscriptionStatus.CANCELED, clock.instant(), null, null,
                        cause);
            }
            return subscriptions.find(subscription.id()).orElseThrow();
        });
    }

    /** Takes back a cancellation at the period end: the subscription renews as before. */
    BillingSubscription undoCancellation(Caller caller, UUID subscriptionId) {
        BillingSubscription subscription = owned(caller, subscriptionId);
        if (!subscription.open()) {
            throw problems.invalidState("The subscription has ended; start a new one with a checkout.");
        }
        if (!subscription.cancelAtPeriodEnd()) {
            throw problems.invalidState("The subscription is not canceled.");
        }
        if (subscription.providerSubscriptionId() != null) {
            providers.get(subscription.provider()).undoCancellation(subscription.providerSubscriptionId(),
                    IdempotencyKeys.of("undo-cancel", subscription.id(), subscriptions.changeCount(subscription.id())));
        }
        ChangeCause cause = cause(caller, subscription);
        return transactions.execute(status -> {
            subscriptions.undoCancellation(subscription.id(), clock.instant(), cause);
            return subscriptions.find(subscription.id()).orElseThrow();
        });
    }

    private static ChangeCause cause(Caller caller, BillingSubscription subscription) {
        return subscription.userId().equals(caller.subject()) ? ChangeCause.CUSTOMER : ChangeCause.OPS;
    }

    private BillingCustomer customer(Caller caller, PaymentProvider provider, String currency) {
        return customers.findForUser(caller.subject(), provider.name()).orElseGet(() -> {
            String email = customers.email(caller.subject()).orElse(null);
            PaymentProvider.ProviderCustomer created = provider.createCustomer(new PaymentProvider.CustomerDetails(
                            caller.subject(), caller.organisation(), email, currency),
                    IdempotencyKeys.of("customer", caller.subject(), provider.name().code()));
            return customers.save(caller.subject(), caller.organisation(), email, provider.name(),
                    created.providerCustomerId(), currency);
        });
    }

    private BillingSubscription owned(Caller caller, UUID id) {
        BillingSubscription subscription = subscriptions.find(id)
                .orElseThrow(() -> ApiProblem.notFound("Subscription " + id));
        if (!subscription.userId().equals(caller.subject()) && !caller.hasRole("ops")) {
            throw ApiProblem.notFound("Subscription " + id);
        }
        return subscription;
    }

    private PlanPrice plan(String code) {
        return catalog.plan(code).orElseThrow(() -> problems.refuse("unknown_plan", HttpStatus.UNPROCESSABLE_CONTENT,
                BillingProblems.UNKNOWN_PLAN, "Unknown plan", "The catalog sells no plan " + code + "."));
    }

    /** Price per month in minor units, times 12 to stay exact: plans of different intervals compare fairly. */
    private static long monthly(PlanPrice plan) {
        return "year".equals(plan.billingInterval()) ? plan.priceMinor() : plan.priceMinor() * 12;
    }
}
