package com.aifinance.subscription.lifecycle;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.aifinance.common.web.ApiProblem;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Time-driven transitions, once a minute: trials that ended unpaid expire, scheduled cancellations and downgrades take
 * effect at the period end, and past-due subscriptions are canceled when the grace period runs out. Safe with several
 * instances: each transition locks its row and re-checks the state. Also refreshes {@code active_subscriptions{tier}}.
 */
@Component
class PeriodEnds {

    private static final Logger log = LoggerFactory.getLogger(PeriodEnds.class);

    private final Subscriptions subscriptions;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final Map<String, AtomicLong> active = new ConcurrentHashMap<>();

    PeriodEnds(Subscriptions subscriptions, JdbcClient jdbc, Clock clock, MeterRegistry meters) {
        this.subscriptions = subscriptions;
        this.jdbc = jdbc;
        this.clock = clock;
        for (String tier : List.of("basic", "pro", "enterprise")) {
            AtomicLong count = new AtomicLong();
            active.put(tier, count);
            Gauge.builder("active_subscriptions", count, AtomicLong::get).tag("tier", tier)
                    .description("Subscriptions trialing, active or past due").register(meters);
        }
    }

    @Scheduled(initialDelayString = "PT30S", fixedDelayString = "PT1M")
    void run() {
        processDue();
        jdbc.sql("""
                        select p.tier, count(*) from subscriptions s join plans p on p.code = s.plan_code
                        where s.status in ('trialing', 'active', 'past_due') group by p.tier""")
                .query((rs, row) -> Arrays.asList(rs.getString(1), rs.getLong(2))).list()
                .forEach(pair -> active.get((String) pair.get(0)).set((Long) pair.get(1)));
    }

    /** Applies every transition that is due now; returns how many subscriptions changed. */
    int processDue() {
        Instant now = clock.instant();
        int changed = 0;
        for (UUID id : subscriptions.due(now)) {
            Subscription current = subscriptions.byId(id).orElse(null);
            if (current == null) {
                continue;
            }
            try {
                if (current.state() == Status.TRIALING && current.cancelAtPeriodEnd()) {
                    subscriptions.apply(id, Action.CANCEL, null, current.trialEnd(), "scheduler", "canceled during trial");
                } else if (current.state() == Status.TRIALING) {
                    subscriptions.apply(id, Action.EXPIRE, null, current.trialEnd(), "scheduler",
                            "trial ended without payment");
                } else if (current.state() == Status.ACTIVE && current.cancelAtPeriodEnd()) {
                    subscriptions.apply(id, Action.CANCEL, null, current.periodEnd(), "scheduler",
                            "canceled at period end");
                } else if (current.state() == Status.ACTIVE && current.pendingPlanCode() != null) {
                    subscriptions.apply(id, Action.APPLY_DOWNGRADE, null, current.periodEnd(), "scheduler",
                            "scheduled plan change");
                } else if (current.state() == Status.PAST_DUE) {
                    subscriptions.apply(id, Action.CANCEL, null, now, "scheduler", "grace period ended unpaid");
                } else {
                    continue;
                }
                changed++;
            } catch (ApiProblem raced) {
                log.debug("Subscription {} changed meanwhile: {}", id, raced.getMessage());
            }
        }
        return changed;
    }
}
