package com.aifinance.billing.catalog;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.aifinance.billing.problem.BillingProblems;
import com.aifinance.billing.provider.PlanPrice;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/** subscription-service's public plan catalog ({@code GET /api/subscriptions/plans}), cached for a few minutes. */
@Component
public class PlanCatalog {

    private final RestClient http;
    private final ServicesProperties properties;
    private final BillingProblems problems;
    private final Clock clock;
    private volatile Cached cached;

    private record Cached(List<PlanPrice> plans, Instant until) {
    }

    PlanCatalog(ServicesProperties properties, BillingProblems problems, Clock clock) {
        SimpleClientHttpRequestFactory factory = new SimpleClientHttpRequestFactory();
        factory.setConnectTimeout(2_000);
        factory.setReadTimeout(5_000);
        this.http = RestClient.builder().baseUrl(properties.subscription()).requestFactory(factory).build();
        this.properties = properties;
        this.problems = problems;
        this.clock = clock;
    }

    /** The plan with {@code code}, or empty when the catalog does not sell it. */
    public Optional<PlanPrice> plan(String code) {
        return plans().stream().filter(plan -> plan.code().equals(code)).findFirst();
    }

    public List<PlanPrice> plans() {
        Cached current = cached;
        Instant now = clock.instant();
        if (current != null && now.isBefore(current.until())) {
            return current.plans();
        }
        try {
            PlanPrice[] plans = http.get().uri("/api/subscriptions/plans").retrieve().body(PlanPrice[].class);
            List<PlanPrice> fetched = plans == null ? List.of() : List.of(plans);
            cached = new Cached(fetched, now.plus(properties.catalogCache()));
            return fetched;
        } catch (RestClientException e) {
            if (current != null) {
                return current.plans(); // a stale catalog beats refusing every checkout
            }
            throw problems.refuse("catalog_unavailable", HttpStatus.SERVICE_UNAVAILABLE,
                    BillingProblems.CATALOG_UNAVAILABLE, "Plan catalog unavailable",
                    "subscription-service's plan catalog could not be read; try again shortly.");
        }
    }
}
