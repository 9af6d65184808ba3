package com.aifinance.monitoring.probe;

import java.time.Instant;

/**
 * One run of one journey.
 *
 * @param statusCode the HTTP status the gateway answered, null when it never answered
 * @param detail     why it failed; null when it passed
 */
public record ProbeResult(String probe, Instant checkedAt, boolean success, Integer statusCode, int durationMs,
                          String detail) {
}
