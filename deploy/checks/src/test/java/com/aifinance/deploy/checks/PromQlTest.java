package com.aifinance.deploy.checks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlTest {

    @Test
    void findsTheMetricsOfARatioOfRatesAndIgnoresLabelsAndFunctions() {
        assertThat(PromQl.metricNames("""
                sum by (service) (rate(http_server_requests_seconds_count{service=~"$service", status=~"5.."}[$__rate_interval]))
                  / on (service) group_left
                sum by (service) (rate(http_server_requests_seconds_count{uri!~"/actuator.*"}[5m]))
                """)).containsExactly("http_server_requests_seconds_count");
    }

    @Test
    void findsEveryMetricOfABinaryExpressionWithOffsetAndNumbers() {
        assertThat(PromQl.metricNames("""
                sum by (currency) (increase(revenue_total[1d])) < 0.5 * sum by (currency) (increase(revenue_total[1d] offset 1w))
                  or histogram_quantile(0.99, sum by (le) (rate(x_seconds_bucket[5m]))) > 2e3
                  and on() vector(1) unless absent(up{job="billing-service"})
                """)).containsExactly("revenue_total", "up", "x_seconds_bucket");
    }

    @Test
    void keepsRecordedRuleNamesWithColons() {
        assertThat(PromQl.metricNames("slo:gateway_request_errors:ratio_rate1h > (14.4 * 0.001)"))
                .containsExactly("slo:gateway_request_errors:ratio_rate1h");
    }

    @Test
    void aLabelValueThatLooksLikeAMetricIsNotOne() {
        assertThat(PromQl.metricNames("max(signal_accuracy_percentage{model=\"rate_model\", tier='pro'})"))
                .containsExactly("signal_accuracy_percentage");
    }
}
