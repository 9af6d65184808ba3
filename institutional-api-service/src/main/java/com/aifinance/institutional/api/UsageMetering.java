package com.aifinance.institutional.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import com.aifinance.common.security.Caller;
import com.aifinance.common.web.ApiProblem;
import com.aifinance.common.web.ProblemTypes;
import com.aifinance.institutional.usage.UsageLedger;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Meters every /v1 request per caller and hour, and holds institutional clients to their quotas: the client's hourly
 * quota ({@code api_client.*}, default {@code aifa.api.default-quota-per-hour}) and the organisation's monthly contract
 * quota ({@code contract.*}, default {@code aifa.api.default-quota-per-month}). A revoked client or an expired contract
 * is refused. Counters live in Redis; the hourly usage is written to PostgreSQL by {@link UsageLedger}.
 */
@Component
class UsageMetering implements HandlerInterceptor {

    static final java.net.URI QUOTA_EXCEEDED = ProblemTypes.of("quota-exceeded");
    static final java.net.URI CONTRACT_INACTIVE = ProblemTypes.of("contract-inactive");

    private final StringRedisTemplate redis;
    private final ClientQuotas quotas;
    private final ApiProperties properties;
    private final UsageLedger ledger;
    private final MeterRegistry meters;
    private final Clock clock;

    UsageMetering(StringRedisTemplate redis, ClientQuotas quotas, ApiProperties properties, UsageLedger ledger,
                  MeterRegistry meters, Clock clock) {
        this.redis = redis;
        this.quotas = quotas;
        this.properties = properties;
        this.ledger = ledger;
        this.meters = meters;
        this.clock = clock;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Caller caller = Caller.current().orElse(null);
        if (caller == null) {
            return true;
        }
        Instant now = clock.instant();
        boolean apiClient = caller.hasRole("institutional_client");
        if (apiClient) {
            enforceQuotas(caller, now, response);
        }
        ledger.record(caller.subject(), caller.tier(), now, apiClient);
        meters.counter("api_requests_metered_total", "tier", caller.tier()).increment();
        return true;
    }

    private void enforceQuotas(Caller caller, Instant now, HttpServletResponse response) {
        ClientQuotas.Client client = quotas.client(caller.subject()).orElse(null);
        if (client != null && client.revoked()) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, CONTRACT_INACTIVE, "Client revoked",
                    "This API client has been revoked; ask your organisation for new credentials.");
        }
        String organisation = caller.organisation() != null ? caller.organisation()
                : client != null ? client.organisationId() : null;
        ClientQuotas.Contract contract = organisation == null ? null : quotas.contract(organisation).orElse(null);
        LocalDate today = quotas.today();
        if (contract != null && contract.expired(today)) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, CONTRACT_INACTIVE, "Contract inactive",
                    "Your organisation's contract has ended; contact your account manager to renew it.");
        }
        if (contract != null && contract.startsAfter(today)) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, CONTRACT_INACTIVE, "Contract inactive",
                    "Your organisation's next contract starts on " + contract.startDate() + "; no contract is in "
                            + "force today.");
        }
        long hourLimit = client != null && client.quotaPerHour() != null ? client.quotaPerHour()
                : properties.defaultQuotaPerHour();
        long monthLimit = contract != null && contract.requestQuotaPerMonth() != null ? contract.requestQuotaPerMonth()
                : properties.defaultQuotaPerMonth();
        ZonedDateTime utc = now.atZone(ZoneOffset.UTC);
        Instant nextHour = utc.truncatedTo(ChronoUnit.HOURS).plusHours(1).toInstant();
        Instant nextMonth = utc.toLocalDate().withDayOfMonth(1).plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        long hourUsed = increment("aifa:institutional:quota:hour:" + caller.subject() + ":"
                + utc.truncatedTo(ChronoUnit.HOURS).toEpochSecond(), Duration.ofHours(2));
        long monthUsed = increment("aifa:institutional:quota:month:" + (organisation != null ? "org:" + organisation
                : "client:" + caller.subject()) + ":" + utc.getYear() + "-" + utc.getMonthValue(), Duration.ofDays(32));
        response.setHeader("X-Quota-Hour-Limit", String.valueOf(hourLimit));
        response.setHeader("X-Quota-Hour-Remaining", String.valueOf(Math.max(0, hourLimit - hourUsed)));
        response.setHeader("X-Quota-Month-Limit", String.valueOf(monthLimit));
        response.setHeader("X-Quota-Month-Remaining", String.valueOf(Math.max(0, monthLimit - monthUsed)));
        if (hourUsed > hourLimit || monthUsed > monthLimit) {
            Instant reset = hourUsed > hourLimit ? nextHour : nextMonth;
            long retryAfter = Math.max(1, Duration.between(now, reset).toSeconds());
            response.setHeader("Retry-After", String.valueOf(retryAfter));
            meters.counter("api_quota_exceeded_total", "period", hourUsed > hourLimit ? "hour" : "month").increment();
            throw new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, QUOTA_EXCEEDED, "Quota exceeded",
                    "The " + (hourUsed > hourLimit ? "hourly" : "monthly contract") + " quota of " + (hourUsed > hourLimit
                            ? hourLimit : monthLimit) + " requests is used up; retry after " + reset + ".",
                    Map.of("retryAfterSeconds", retryAfter));
        }
    }

    private long increment(String key, Duration ttl) {
        Long value = redis.opsForValue().increment(key);
        if (value != null && value == 1L) {
            redis.expire(key, ttl);
        }
        return value == null ? 0 : value;
    }
}
