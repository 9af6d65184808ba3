package com.aifinance.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;

/**
 * A route to a port nobody listens on, with its own circuit breaker like every real route: what a service that is
 * down looks like through the gateway, without stopping a stand-in other tests share.
 */
@TestConfiguration(proxyBeanMethods = false)
public class DownServiceRoute {

    public static final String PATH = "/api/down-service/invoices";

    @Bean
    RouteLocator downServiceRoute(RouteLocatorBuilder routes) {
        return routes.routes()
                .route("down-service", route -> route.path("/api/down-service/**")
                        .filters(filters -> filters.circuitBreaker(breaker -> breaker.setName("down-service")))
                        .uri("http://127.0.0.1:" + unusedPort()))
                .build();
    }

    private static int unusedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
