package com.aifinance.monitoring.health;

import java.time.Instant;

/**
 * One readiness check of one service.
 *
 * @param responseMs how long the service took to answer (null when it never answered)
 * @param detail     why it is down (HTTP status, timeout, refused connection); null when up
 */
public record CheckResult(String service, Instant checkedAt, boolean up, Integer responseMs, String detail) {

    public String status() {
        return up ? "up" : "down";
    }
}
