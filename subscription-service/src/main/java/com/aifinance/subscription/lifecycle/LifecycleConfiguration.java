package com.aifinance.subscription.lifecycle;

import com.aifinance.common.events.EventStreams;
import com.aifinance.common.events.EventSubscription;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LifecycleProperties.class)
class LifecycleConfiguration {

    @Bean
    EventSubscription billingEventSubscription(BillingEvents handler) {
        return EventSubscription.to(EventStreams.BILLING, handler);
    }
}
