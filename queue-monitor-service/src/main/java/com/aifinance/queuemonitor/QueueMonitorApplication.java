package com.aifinance.queuemonitor;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Notification delivery workers and the operations view of every platform stream. */
@SpringBootApplication
public class QueueMonitorApplication {

    public static void main(String[] args) {
        SpringApplication.run(QueueMonitorApplication.class, args);
    }
}
