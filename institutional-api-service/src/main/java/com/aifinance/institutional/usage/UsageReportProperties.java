package com.aifinance.institutional.usage;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Usage reports to enterprise-service ({@code aifa.usage-reports.*}), authenticated with this service's own
 * {@code client_credentials} token.
 *
 * @param enterpriseUrl  enterprise-service's base URL ({@code ENTERPRISE_SERVICE_URL})
 * @param tokenUrl       the platform's token endpoint ({@code SUBSCRIPTION_SERVICE_URL} + {@code /oauth2/token})
 * @param clientId       this service's OAuth2 client
 * @param clientSecret   its secret ({@code AIFA_CLIENT_SECRET}); without it nothing is sent and batches wait
 * @param interval       how often usage is batched and sent
 * @param maxClientsPerBatch enterprise-service takes at most 1000 reports per request
 * @param retryInitial   the first wait after a failed send; doubled per attempt up to {@code retryMax}
 * @param lease          how long an instance owns a batch it is sending (longer than a request can take)
 */
@ConfigurationProperties("aifa.usage-reports")
public record UsageReportProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("http://127.0.0.1:5009") URI enterpriseUrl,
        @DefaultValue("http://127.0.0.1:5008/oauth2/token") URI tokenUrl,
        @DefaultValue("institutional-api-service") String clientId,
        String clientSecret,
        @DefaultValue("1m") Duration interval,
        @DefaultValue("1000") int maxClientsPerBatch,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("10s") Duration requestTimeout,
        @DefaultValue("30s") Duration retryInitial,
        @DefaultValue("15m") Duration retryMax,
        @DefaultValue("1m") Duration lease) {

    public UsageReportProperties {
        if (maxClientsPerBatch < 1 || maxClientsPerBatch > 1000) {
            throw new IllegalArgumentException("aifa.usage-reports.max-clients-per-batch must be 1-1000 "
                    + "(enterprise-service takes at most 1000 reports per request)");
        }
        if (!lease.minus(requestTimeout.multipliedBy(2).plus(connectTimeout.multipliedBy(2))).isPositive()) {
            throw new IllegalArgumentException("aifa.usage-reports.lease must outlast a token request and a report "
                    + "request, or two instances could send the same batch");
        }
    }

    boolean configured() {
        return clientSecret != null && !clientSecret.isBlank();
    }
}
