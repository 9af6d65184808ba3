package com.aifinance.billing.checkout;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import com.aifinance.billing.catalog.PlanCatalog;
import com.aifinance.billing.customer.BillingCustomers;
import com.aifinance.billing.provider.IdempotencyKeys;
import com.aifinance.billing.provider.PaymentProviders;
import com.aifinance.billing.provider.ProviderNotConfigured;
import com.aifinance.billing.subscription.BillingSubscription;
import com.aifinance.billing.subscription.BillingSubscriptions;
import com.aifinance.billing.subscription.ChangeCause;
import com.aifinance.billing.subscription.SubscriptionStatus;
import com.aifinance.common.events.EventEnvelope;
import com.aifinance.common.events.EventStreams;
import com.aifinance.common.events.EventSubscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * What billing takes from subscription-service ({@code aifa.subscription}): e-mail addresses of new subscribers and
 * cancellations decided there; and the downgrades that fall due when a paid period ends.
 */
@Configuration(proxyBeanMethods = false)
class SubscriptionLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionLifecycle.class);

    private final BillingCustomers customers;
    private final BillingSubscriptions subscriptions;
    private final PaymentProviders providers;
    private final PlanCatalog catalog;
    private final TransactionTemplate transactions;
    private final Clock clock;

    SubscriptionLifecycle(BillingCustomers customers, BillingSubscriptions subscriptions, PaymentProviders providers,
                          PlanCatalog catalog, TransactionTemplate transactions, Clock clock) {
        this.customers = customers;
        this.subscriptions = subscriptions;
        this.providers = providers;
        this.catalog = catalog;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Bean
    EventSubscription subscriptionEvents() {
        return EventSubscription.to(EventStreams.SUBSCRIPTION, this::handle);
    }

    void handle(EventEnvelope event) {
        JsonNode data = event.data();
        switch (event.type()) {
            case "subscriber.registered" -> {
                String userId = data.path("userId").asString(null);
                String email = data.path("email").asString(null);
                if (userId != null && email != null) {
                    customers.rememberEmail(userId, email);
                }
            }
            case "subscription.canceled", "subscription.expired" -> canceledUpstream(data, event.time());
            default -> {
                // other subscription events change nothing billing owns
            }
        }
    }

    /**
     * Ended in subscription-service (ops, a cancellation at the period end, an expiry): stop charging at the provider
     * too. The event names the billing subscription it mirrors ({@code billingSubscriptionId}); null means it mirrors
     * none (a trial), so nothing here is touched. Events from before that field existed name none at all: then the
     * user's open subscription is meant, as it always was.
     */
    private void canceledUpstream(JsonNode data, Instant at) {
        String userId = data.path("userId").asString(null);
        if (userId == null) {
            return;
        }
        Optional<BillingSubscription> mirrored;
        if (data.has("billingSubscriptionId")) {
            JsonNode billingId = data.get("billingSubscriptionId");
            if (billingId.isNull()) {
                return;
            }
            mirrored = uuid(billingId.asString()).flatMap(subscriptions::find)
                    .filter(subscription -> subscription.userId().equals(userId) && subscription.open());
        } else {
            mirrored = subscriptions.openForUser(userId).filter(subscription -> subscription.createdAt().isBefore(at));
        }
        mirrored.ifPresent(subscription -> {
            if (subscription.providerSubscriptionId() != null) {
                try {
                    providers.get(subscription.provider()).cancelSubscription(
                            subscription.providerSubscriptionId(), false,
                            IdempotencyKeys.of("cancel-upstream", subscription.id()));
                } catch (ProviderNotConfigured e) {
                    log.warn("Subscription {} canceled upstream but {} is not configured here: canceled "
                            + "locally only", subscription.id(), subscription.provider().code());
                }
            }
            subscriptions.applyStatus(subscription.id(), SubscriptionStatus.CANCELED, at, null, null,
                    ChangeCause.SUBSCRIPTION_SERVICE);
        });
    }

    /** Downgrades whose period ended without a provider event or payment saying so yet. */
    @Scheduled(fixedDelayString = "${aifa.billing.downgrade-check-interval:10m}", initialDelayString = "60s")
    void applyDueDowngrades() {
        for (BillingSubscription subscription : subscriptions.downgradesDue(clock.instant())) {
            try {
                transactions.executeWithoutResult(status -> {
                    if (!subscriptions.applyPendingPlan(subscription.id(), subscription.currentPeriodEnd(),
                            ChangeCause.PERIOD_END)) {
                        // scheduled before billing kept the price of a pending plan: the catalog has it
                        catalog.plan(subscription.pendingPlanCode()).ifPresentOrElse(
                                plan -> subscriptions.changePlanNow(subscription.id(), plan,
                                        subscription.currentPeriodEnd(), ChangeCause.PERIOD_END),
                                () -> log.warn("Downgrade of {} to {}: the plan is no longer sold; left pending",
                                        subscription.id(), subscription.pendingPlanCode()));
                    }
                });
            } catch (RuntimeException e) {
                log.warn("Downgrade of {} could not be applied now: {}", subscription.id(), e.getMessage());
            }
        }
    }

    private static Optional<UUID> uuid(String value) {
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException notOurs) {
            return Optional.empty();
        }
    }
}
