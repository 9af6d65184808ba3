package com.aifinance.analytics.ingest;

import com.aifinance.common.events.EventStreams;
import com.aifinance.common.events.EventSubscription;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The streams analytics reads, one subscription each (a second subscription to the same stream would split its
 * entries between two handlers). The common-lib inbox makes every handler run once per event id.
 */
@Configuration(proxyBeanMethods = false)
class EventConsumers {

    @Bean
    EventSubscription subscriptionEvents(SubscriptionEventRecorder recorder) {
        return EventSubscription.to(EventStreams.SUBSCRIPTION, recorder);
    }

    @Bean
    EventSubscription billingEvents(BillingEventRecorder recorder) {
        return EventSubscription.to(EventStreams.BILLING, recorder);
    }

    @Bean
    EventSubscription enterpriseEvents(EnterpriseEventRecorder recorder) {
        return EventSubscription.to(EventStreams.ENTERPRISE, recorder);
    }

    @Bean
    EventSubscription signalEvents(SignalEventRecorder recorder) {
        return EventSubscription.to(EventStreams.SIGNAL, recorder);
    }
}
