package com.aifinance.subscription.lifecycle;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Subscription lifecycle settings ({@code aifa.subscriptions.*}).
 *
 * @param trialPeriod  how long a new subscription is free before its first payment
 * @param gracePeriod  how long a past-due subscription keeps its tier before it is canceled
 * @param renewalWindow a payment this close before the period end (or after it) pays the next period
 */
@ConfigurationProperties("aifa.subscriptions")
public record LifecycleProperties(
        @DefaultValue("14d") Duration trialPeriod,
        @DefaultValue("7d") Duration gracePeriod,
        @DefaultValue("3d") Duration renewalWindow) {
}
