package com.aifinance.billing.checkout;

import java.time.Clock;
import java.time.Instant;

import com.aifinance.billing.catalog.PlanCatalog;
import com.aifinance.billing.customer.BillingCustomers;
import com.aifinance.billing.provider.IdempotencyKeys;
import com.aifinance.billing.provider.PaymentProviders;
import com.aifinance.billing.provider.ProviderNotConfigured;
import com.aifinance.billing.subscription.BillingSubscription;
import com.aifinance.billing.subscription.BillingSubscriptions;
import com.aifinance.billing.subscription.SubscriptionStatus;
import com.aifinance.common.events.EventEnvelope;
import com.aifinance.common.events.EventStreams;
import com.aifinance.common.events.EventSubscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;
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
    private final Clock clock;

    SubscriptionLifecycle(BillingCustomers customers, BillingSubscriptions subscriptions, PaymentProviders providers,
                          PlanCatalog catalog, Clock clock) {
        this.customers = customers;
        this.subscriptions = subscriptions;
        this.providers = providers;
        this.catalog = catalog;
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

    /** Canceled in subscription-service (by ops, or the account closed): stop charging at the provider too. */
    private void canceledUpstream(JsonNode data, Instant at) {
        String userId = data.path("userId").asString(null);
        if (userId == null) {
            return;
        }
        subscriptions.openForUser(userId)
                .filter(subscription -> subscription.createdAt().isBefore(at))
                .ifPresent(subscription -> {
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
                    subscriptions.applyStatus(subscription.id(), SubscriptionStatus.CANCELED, at, null, null);
                });
    }

    @Scheduled(fixedDelayString = "${aifa.billing.downgrade-check-interval:10m}", initialDelayString = "60s")
    void applyDueDowngrades() {
        for (BillingSubscription subscription : subscriptions.downgradesDue(clock.instant())) {
            try {
                catalog.plan(subscription.pendingPlanCode()).ifPresentOrElse(
                        plan -> subscriptions.changePlanNow(subscription.id(), plan),
                        () -> log.warn("Downgrade of {} to {}: the plan is no longer sold; left pending",
                                subscription.id(), subscription.pendingPlanCode()));
            } catch (RuntimeException e) {
                log.warn("Downgrade of {} could not be applied now: {}", subscription.id(), e.getMessage());
            }
        }
    }
}
