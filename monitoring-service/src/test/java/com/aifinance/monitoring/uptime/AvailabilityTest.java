package com.aifinance.monitoring.uptime;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.aifinance.common.testsupport.IntegrationTest;
import com.aifinance.monitoring.health.CheckResult;
import com.aifinance.monitoring.health.HealthChecks;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Uptime and the 99.9 % SLO of a service with a known history (named so no poll touches it):
 * <pre>
 * raw checks, one a minute for the last 24 h: 1440, of which 3 failed — 10 and 20 minutes ago, and 5 hours ago
 *   uptime 24h = 1437 / 1440 = 0.997917
 *   burn rate = failed share ÷ error budget (1 − 0.999 = 0.001):
 *     1h:  2 / 60   ÷ 0.001 = 33.3333    6h: 3 / 360 ÷ 0.001 = 8.3333    24h: 3 / 1440 ÷ 0.001 = 2.0833
 * hourly counts (their raw checks long pruned), every hour from 28 days to 2 days ago: 624 hours × 60 checks, all up
 *   but one hour 10 days ago with 10 failed
 *   30 days: 1440 + 624 × 60 = 38880 checks, 3 + 10 = 13 failed → uptime 38867 / 38880 = 0.999666
 *   error budget spent 13 / (38880 × 0.001) = 0.3344 → remaining 0.6656; budget 30 d × 24 h × 60 min × 0.001
 *   = 43.20 minutes, of which 43.20 × 0.6656 = 28.75 remain
 * one hour 100 days ago: 3600 up, 400 failed; one hour 400 days ago: 1000 failed (outside every window)
 *   365 days: 42880 checks, 413 failed → uptime 42467 / 42880 = 0.990368
 * </pre>
 */
@IntegrationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AvailabilityTest {

    static final String SERVICE = "slo-test-service";

    @Autowired
    HealthChecks checks;

    @Autowired
    Availability availability;

    @Autowired
    JdbcClient jdbc;

    @Test
    void uptimeErrorBudgetAndBurnRatesMatchTheHandComputation() {
        Instant now = Instant.now();
        Set<Integer> failedMinutesAgo = Set.of(10, 20, 300);
        List<CheckResult> raw = new ArrayList<>();
        for (int minutes = 0; minutes < 1440; minutes++) {
            boolean up = !failedMinutesAgo.contains(minutes);
            raw.add(new CheckResult(SERVICE, now.minus(Duration.ofMinutes(minutes)).minusSeconds(30), up,
                    up ? 12 : null, up ? null : "HTTP 503 (status DOWN)"));
        }
        checks.record(raw);
        Instant thisHour = now.truncatedTo(ChronoUnit.HOURS);
        for (int hoursAgo = 48; hoursAgo < 28 * 24; hoursAgo++) {
            hour(thisHour.minus(Duration.ofHours(hoursAgo)), hoursAgo == 240 ? 50 : 60, hoursAgo == 240 ? 10 : 0);
        }
        hour(thisHour.minus(Duration.ofDays(100)), 3600, 400);
        hour(thisHour.minus(Duration.ofDays(400)), 0, 1000);

        ServiceAvailability figures = availability.of(SERVICE);
        assertThat(figures.uptime().get("24h")).isEqualByComparingTo("0.997917");
        assertThat(figures.uptime().get("30d")).isEqualByComparingTo("0.999666");
        assertThat(figures.uptime().get("365d")).isEqualByComparingTo("0.990368");
        ServiceAvailability.Slo slo = figures.slo();
        assertThat(slo.target()).isEqualByComparingTo("0.999");
        assertThat(slo.checks()).isEqualTo(38880);
        assertThat(slo.failedChecks()).isEqualTo(13);
        assertThat(slo.errorBudgetRemaining()).isEqualByComparingTo("0.6656");
        assertThat(slo.errorBudgetMinutes()).isEqualByComparingTo("43.20");
        assertThat(slo.errorBudgetRemainingMinutes()).isEqualByComparingTo("28.75");
        assertThat(slo.burnRate().get("1h")).isEqualByComparingTo("33.3333");
        assertThat(slo.burnRate().get("6h")).isEqualByComparingTo("8.3333");
        assertThat(slo.burnRate().get("24h")).isEqualByComparingTo("2.0833");
    }

    @Test
    void aServiceWithoutChecksHasNoFiguresRatherThanPerfectOnes() {
        ServiceAvailability figures = availability.of("never-checked-service");
        assertThat(figures.uptime().get("24h")).isNull();
        assertThat(figures.uptime().get("365d")).isNull();
        assertThat(figures.slo().errorBudgetRemaining()).isNull();
        assertThat(figures.slo().burnRate().get("1h")).isNull();
    }

    private void hour(Instant hour, int up, int down) {
        jdbc.sql("""
                        insert into health_check_hourly (service, hour, up_count, down_count, response_ms_sum,
                            response_ms_max) values (?, ?, ?, ?, 0, 0)""")
                .params(SERVICE, Timestamp.from(hour), up, down).update();
    }
}
