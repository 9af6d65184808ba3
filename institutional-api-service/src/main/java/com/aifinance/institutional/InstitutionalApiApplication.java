package com.aifinance.institutional;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Market data, the AI signal engine, accuracy reporting and the /v1 institutional API. */
@SpringBootApplication
@EnableScheduling
@ConfigurationPropertiesScan
public class InstitutionalApiApplication {

    public static void main(String[] args) {
        SpringApplication.run(InstitutionalApiApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
