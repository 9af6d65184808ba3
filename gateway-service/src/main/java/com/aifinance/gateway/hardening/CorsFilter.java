package com.aifinance.gateway.hardening;

import java.time.Duration;
import java.util.List;

import com.aifinance.gateway.problem.ProblemWriter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsProcessor;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.cors.reactive.DefaultCorsProcessor;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * CORS for the web dashboards' origins, ahead of the token check so a browser's preflight (which carries no token)
 * is answered here. A cross-origin request from any other origin is refused with a 403 problem.
 */
final class CorsFilter implements WebFilter, Ordered {

    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    private final CorsConfiguration configuration = new CorsConfiguration();
    private final CorsProcessor processor = new DefaultCorsProcessor();
    private final ProblemWriter problems;

    CorsFilter(List<String> allowedOrigins, ProblemWriter problems) {
        this.problems = problems;
        configuration.setAllowedOrigins(allowedOrigins);
        configuration.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"));
        configuration.setAllowedHeaders(List.of("Authorization", "Content-Type", "Accept", "Idempotency-Key",
                "X-Requested-With", "traceparent", "tracestate", "HX-Request", "HX-Current-URL", "HX-Target",
                "HX-Trigger", "HX-Trigger-Name", "HX-Boosted", "HX-Prompt", "HX-History-Restore-Request"));
        configuration.setExposedHeaders(List.of("X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset",
                "Retry-After", "Location", "WWW-Authenticate"));
        configuration.setAllowCredentials(true);
        configuration.setMaxAge(Duration.ofHours(1));
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!CorsUtils.isCorsRequest(exchange.getRequest())) {
            return chain.filter(exchange);
        }
        if (!processor.process(configuration, exchange)) {
            exchange.getResponse().getHeaders().remove("Vary"); // keep the problem clean; it is never cached
            return problems.write(exchange, ProblemWriter.problem(HttpStatus.FORBIDDEN, "Forbidden",
                    "Cross-origin requests from this origin are not allowed."));
        }
        return CorsUtils.isPreFlightRequest(exchange.getRequest()) ? Mono.empty() : chain.filter(exchange);
    }
}
