package com.aifinance.gateway.routing;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import com.aifinance.gateway.problem.ProblemWriter;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.netty.channel.ConnectTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.factory.SpringCloudCircuitBreakerFilterFactory.CircuitBreakerStatusCodeException;
import org.springframework.cloud.gateway.support.ServiceUnavailableException;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.PrematureCloseException;

/**
 * Answers every error at the gateway as a problem detail: a service that cannot be reached, or whose circuit
 * breaker is open, is 503; one that does not answer in time is 504; anything else keeps its status. Runs before
 * Spring Boot's default error handler.
 */
@Component
@Order(-2)
class UpstreamProblemHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(UpstreamProblemHandler.class);

    private final ProblemWriter problems;

    UpstreamProblemHandler(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        // an upstream's headers may already have been copied onto the response; the problem replaces them
        exchange.getResponse().getHeaders().clearContentHeaders();
        if (hasCause(error, BulkheadFullException.class)) {
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
        }
        return problems.write(exchange, problemFor(error));
    }

    private ProblemDetail problemFor(Throwable error) {
        if (isUnreachable(error)) {
            if (hasCause(error, ConnectException.class) || hasCause(error, ConnectTimeoutException.class)) {
                log.warn("Upstream unreachable: {}", error.toString());
            }
            return ProblemWriter.problem(HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable",
                    "The service behind this path is not reachable right now; retry shortly.");
        }
        if (hasCause(error, BulkheadFullException.class)) {
            // aifa.gateway.upstream-max-concurrent-calls requests are already waiting on this service
            log.warn("Upstream concurrency limit reached: {}", error.getMessage());
            return ProblemWriter.problem(HttpStatus.SERVICE_UNAVAILABLE, "Service busy",
                    "The service behind this path has too many requests in progress; retry in a second.");
        }
        if (hasCause(error, PrematureCloseException.class)) {
            // the service (or an overloaded socket) closed the connection mid-request: a 502, which its breaker counts
            log.warn("Upstream closed the connection: {}", error.toString());
            return ProblemWriter.problem(HttpStatus.BAD_GATEWAY, "Bad gateway",
                    "The service behind this path closed the connection before answering; retry shortly.");
        }
        if (error instanceof CircuitBreakerStatusCodeException failing) {
            // the service answered with a status its circuit breaker counts as a failure (502/503/504)
            log.warn("Upstream answered {}", failing.getStatusCode());
            return ProblemWriter.problem(HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable",
                    "The service behind this path is failing right now; retry shortly.");
        }
        if (isTimeout(error)) {
            return ProblemWriter.problem(HttpStatus.GATEWAY_TIMEOUT, "Upstream timeout",
                    "The service behind this path did not answer in time; retry shortly.");
        }
        if (error instanceof ResponseStatusException statusError) {
            HttpStatus status = HttpStatus.valueOf(statusError.getStatusCode().value());
            return ProblemWriter.problem(status, status.getReasonPhrase(),
                    status.is5xxServerError() ? "The gateway could not complete the request."
                            : statusError.getReason() != null ? statusError.getReason() : status.getReasonPhrase());
        }
        log.error("Unexpected gateway error", error);
        return ProblemWriter.problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "Something went wrong on our side.");
    }

    private static boolean isUnreachable(Throwable error) {
        return hasCause(error, ConnectException.class) || hasCause(error, ConnectTimeoutException.class)
                || hasCause(error, ServiceUnavailableException.class);
    }

    private static boolean isTimeout(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException) {
                return true;
            }
            if (cause instanceof ResponseStatusException statusError
                    && statusError.getStatusCode().value() == HttpStatus.GATEWAY_TIMEOUT.value()) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
