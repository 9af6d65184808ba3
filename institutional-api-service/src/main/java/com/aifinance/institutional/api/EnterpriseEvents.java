package com.aifinance.institutional.api;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.aifinance.common.events.EventEnvelope;
import com.aifinance.common.events.EventStreams;
import com.aifinance.common.events.EventSubscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;

/**
 * Keeps institutional clients' quotas in step with enterprise-service ({@code aifa.enterprise}): {@code api_client.*}
 * set a client's hourly quota (or revoke it), {@code contract.*} the organisation's monthly quota and validity.
 * Other event types are ignored.
 */
@Configuration(proxyBeanMethods = false)
class EnterpriseEvents {

    private static final Logger log = LoggerFactory.getLogger(EnterpriseEvents.class);

    @Bean
    EventSubscription enterpriseQuotaEvents(ClientQuotas quotas) {
        return EventSubscription.to(EventStreams.ENTERPRISE, event -> apply(event, quotas));
    }

    static void apply(EventEnvelope event, ClientQuotas quotas) {
        JsonNode data = event.data();
        switch (event.type()) {
            case "api_client.created", "api_client.rotated" -> quotas.saveClient(text(data, "clientId"),
                    textOrNull(data, "organisationId"), scopes(data.path("scopes")),
                    data.path("quotaPerHour").isNumber() && data.path("quotaPerHour").asInt() > 0
                            ? data.path("quotaPerHour").asInt() : null, false);
            case "api_client.revoked" -> quotas.revoke(text(data, "clientId"));
            case "contract.signed", "contract.renewed", "contract.expired" -> quotas.saveContract(
                    text(data, "contractId"), text(data, "organisationId"),
                    data.path("requestQuotaPerMonth").isNumber() && data.path("requestQuotaPerMonth").asLong() > 0
                            ? data.path("requestQuotaPerMonth").asLong() : null,
                    LocalDate.parse(text(data, "startDate").substring(0, 10)),
                    LocalDate.parse(text(data, "endDate").substring(0, 10)),
                    event.type().equals("contract.expired") ? "expired" : "active");
            default -> log.debug("Ignoring {}", event.type());
        }
    }

    private static String text(JsonNode data, String field) {
        String value = textOrNull(data, field);
        if (value == null) {
            throw new IllegalArgumentException("event data lacks " + field);
        }
        return value;
    }

    private static String textOrNull(JsonNode data, String field) {
        JsonNode node = data.path(field);
        return node.isMissingNode() || node.isNull() || node.asString("").isBlank() ? null : node.asString();
    }

    private static String scopes(JsonNode node) {
        if (node.isArray()) {
            List<String> scopes = new ArrayList<>();
            node.forEach(scope -> scopes.add(scope.asString()));
            return String.join(" ", scopes);
        }
        return node.isString() ? node.asString() : "";
    }
}
