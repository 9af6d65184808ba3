package com.aifinance.monitoring.health;

import java.time.Instant;
import java.util.List;

/** Published after every poll of all services, once its checks are stored. */
public record HealthCycleCompleted(Instant at, List<CheckResult> results) {
}
