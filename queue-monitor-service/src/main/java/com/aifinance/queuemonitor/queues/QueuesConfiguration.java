package com.aifinance.queuemonitor.queues;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(QueuesProperties.class)
class QueuesConfiguration {
}
