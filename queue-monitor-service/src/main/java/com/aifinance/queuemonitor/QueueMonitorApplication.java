package com.aifinance.queuemonitor;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Notification delivery workers and the operations view of every platform stream. */
@SpringBootApplication
@EnableScheduling
public class QueueMonitorApplication {

    public static void main(String[] args) {
        SpringApplication.run(QueueMonitorApplication.class, args);
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
