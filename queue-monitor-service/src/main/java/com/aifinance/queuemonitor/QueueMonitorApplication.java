package com.aifinance.queuemonitor;

import java.time.Clock;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Notification delivery workers and the operations view of every platform stream. */
@SpringBootApplication
@EnableScheduling
@OpenAPIDefinition(info = @Info(title = "queue-monitor-service",
        description = "Notification delivery (preferences, delivery queue) and the operations view of every platform stream"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
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
