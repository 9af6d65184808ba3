package com.aifinance.gateway.hardening;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import com.aifinance.gateway.problem.ProblemWriter;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.UriUtils;
import reactor.core.publisher.Mono;

/**
 * Keeps the actuator and the routes apart. The gateway's actuator listens on its own management port
 * ({@code management.server.port}, 8081), which only load balancers, Prometheus and the monitoring service reach:
 * <ul>
 * <li>on the public port a path whose first segment is the actuator's ({@code /actuator}, {@code //actuator},
 * {@code /%61ctuator}, {@code /ACTUATOR} …) is answered with a 404 problem and never routed — it would otherwise fall
 * through to the dashboard route and reach dashboard-hub's own actuator;</li>
 * <li>on the management port anything else is a 404 problem: the management context shares the gateway's routes,
 * and the health-check port must not be a second way into the services.</li>
 * </ul>
 * Until the management server has started (or when none runs on its own port) every actuator path is refused.
 */
final class ManagementPathsFilter implements WebFilter, Ordered, ApplicationListener<WebServerInitializedEvent> {

    /** After the security headers and CORS, before the request guard and everything that routes. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 40;

    static final String MANAGEMENT_NAMESPACE = "management";

    private final ProblemWriter problems;
    private final String basePathSegment;
    private volatile int managementPort = -1;

    ManagementPathsFilter(String managementBasePath, ProblemWriter problems) {
        this.problems = problems;
        this.basePathSegment = firstSegment(managementBasePath.isBlank() ? "/actuator" : managementBasePath);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if (MANAGEMENT_NAMESPACE.equals(event.getApplicationContext().getServerNamespace())) {
            managementPort = event.getWebServer().getPort();
        }
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        boolean actuatorPath = basePathSegment.equals(firstSegment(rawPath(exchange)));
        if (actuatorPath == arrivedOnManagementPort(exchange)) {
            return chain.filter(exchange);
        }
        return problems.write(exchange, ProblemWriter.problem(HttpStatus.NOT_FOUND, "Not found",
                "No resource at this path."));
    }

    private boolean arrivedOnManagementPort(ServerWebExchange exchange) {
        InetSocketAddress local = exchange.getRequest().getLocalAddress();
        return managementPort > 0 && local != null && local.getPort() == managementPort;
    }

    private static String rawPath(ServerWebExchange exchange) {
        String raw = exchange.getRequest().getURI().getRawPath();
        return raw == null ? "" : raw;
    }

    /**
     * The first non-empty segment as a service behind the gateway would read it: empty segments skipped (servers
     * merge {@code //}), path parameters cut, percent-decoded, case folded.
     */
    static String firstSegment(String rawPath) {
        for (String segment : rawPath.split("/")) {
            int parameters = segment.indexOf(';');
            String name = parameters >= 0 ? segment.substring(0, parameters) : segment;
            if (!name.isEmpty()) {
                return decode(name).toLowerCase(Locale.ROOT);
            }
        }
        return "";
    }

    private static String decode(String segment) {
        try {
            return UriUtils.decode(segment, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return segment;
        }
    }
}
