package com.aifinance.dashboard;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The web dashboards: subscriber dashboard, enterprise dashboard and the unified ops hub. */
@SpringBootApplication
public class DashboardHubApplication {

    public static void main(String[] args) {
        SpringApplication.run(DashboardHubApplication.class, args);
    }
}
