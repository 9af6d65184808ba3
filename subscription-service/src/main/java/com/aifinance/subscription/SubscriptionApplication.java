package com.aifinance.subscription;

import java.util.Arrays;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Identity provider (OAuth2/OIDC), plans, subscriptions, entitlements and feature flags. */
@SpringBootApplication
public class SubscriptionApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(SubscriptionApplication.class);
        if (Arrays.stream(args).anyMatch(arg -> arg.startsWith("--import-legacy"))) {
            // a one-off command: no web server (and no port taken), the import runs and the process exits
            application.setWebApplicationType(WebApplicationType.NONE);
        }
        application.run(args);
    }
}
