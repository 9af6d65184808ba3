package com.aifinance.dashboard.home;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/** Reads the plan catalog from subscription-service; an unavailable catalog is an empty answer, not an error page. */
@Component
class PlanCatalogClient {

    private static final Logger log = LoggerFactory.getLogger(PlanCatalogClient.class);

    private final RestClient client;

    PlanCatalogClient(@Value("${aifa.services.subscription}") String subscriptionService) {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build());
        requests.setReadTimeout(Duration.ofSeconds(3));
        this.client = RestClient.builder().baseUrl(subscriptionService).requestFactory(requests).build();
    }

    /** Monthly prices in the given currency, or empty when subscription-service cannot be reached. */
    PlanCatalog monthlyPlans(String currency) {
        try {
            List<PlanView> plans = client.get()
                    .uri(uri -> uri.path("/api/subscriptions/plans").queryParam("currency", currency)
                            .queryParam("interval", "month").build())
                    .retrieve()
                    .body(new ParameterizedTypeReference<>() {
                    });
            return new PlanCatalog(plans == null ? List.of() : plans, true);
        } catch (RestClientException e) {
            log.warn("Plan catalog unavailable: {}", e.toString());
            return new PlanCatalog(List.of(), false);
        }
    }

    record PlanCatalog(List<PlanView> plans, boolean available) {
    }

    record PlanView(String code, String tier, String billingInterval, String currency, long priceMinor) {

        /** The price in whole units of the currency, for display. */
        public String price() {
            return "%s %,d".formatted(currency, priceMinor / 100);
        }
    }
}
