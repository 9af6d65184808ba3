package com.aifinance.common.web;

import java.io.IOException;
import java.util.concurrent.Semaphore;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Load shedding. With virtual threads Tomcat admits every request at once; under overload they queued for database
 * connections until the heap ran out (institutional-api-service at 1,000 requests/s, docs/benchmarks.md). At most
 * {@code aifa.web.max-in-flight-requests} requests are processed at once per instance; the next is answered at once
 * with 503 and {@code Retry-After: 1}, before security or any work. The actuator is never shed, so health checks see
 * an overloaded instance as alive. An async request (server-sent events) holds its permit only until it goes async.
 */
@Configuration(proxyBeanMethods = false)
class InFlightLimit {

    static final String SHED_METRIC = "aifa_http_requests_shed_total";

    @Bean
    FilterRegistrationBean<Filter> inFlightLimitFilter(@Value("${aifa.web.max-in-flight-requests:200}") int limit,
                                                       ObjectProvider<MeterRegistry> meters) {
        Counter shed = Counter.builder(SHED_METRIC)
                .description("Requests answered 503 because the instance had too many in progress")
                .register(meters.getIfAvailable(CompositeMeterRegistry::new));
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new Filter(limit, shed));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.addUrlPatterns("/*");
        return registration;
    }

    static final class Filter extends OncePerRequestFilter {

        private static final String BODY = """
                {"type":"tag:aifinance.agency,2026:problems/service-unavailable","title":"Service busy",\
                "status":503,"detail":"Too many requests are in progress on this instance; retry in a second."}""";

        private final Semaphore permits;
        private final Counter shed;

        Filter(int limit, Counter shed) {
            this.permits = new Semaphore(limit);
            this.shed = shed;
        }

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            return request.getRequestURI().startsWith("/actuator");
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (!permits.tryAcquire()) {
                shed.increment();
                response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
                response.setHeader(HttpHeaders.RETRY_AFTER, "1");
                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                response.getWriter().write(BODY);
                return;
            }
            try {
                chain.doFilter(request, response);
            } finally {
                permits.release();
            }
        }
    }
}
