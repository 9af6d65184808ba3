package com.aifinance.analytics;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Business analytics: MRR, ARR, churn, LTV, cohorts and signal-performance reporting. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class AnalyticsApplication {

    public static void main(String[] args) {
        SpringApplication.run(AnalyticsApplication.class, args);
    }

    /** Every "now" of the service comes from here, so tests can reason about time. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
