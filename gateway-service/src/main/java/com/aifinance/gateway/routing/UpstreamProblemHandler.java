package com.aifinance.gateway.routing;

import java.net.ConnectException;
import java.net.URI;
import java.util.concurrent.TimeoutException;

import com.aifinance.common.web.ProblemTypes;
import io.netty.channel.ConnectTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.support.ServiceUnavailableException;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers every error at the gateway as a problem detail: a service that cannot be reached is 503, one that does
 * not answer in time is 504, anything else keeps its status. Runs before Spring Boot's default error handler.
 */
@Component
@Order(-2)
class UpstreamProblemHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(UpstreamProblemHandler.class);

    private final JsonMapper mapper;

    UpstreamProblemHandler(JsonMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        ProblemDetail problem = problemFor(error);
        problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
        exchange.getResponse().setStatusCode(HttpStatusCode.valueOf(problem.getStatus()));
        exchange.getResponse().getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        DataBuffer body = exchange.getResponse().bufferFactory().wrap(mapper.writeValueAsBytes(problem));
        return exchange.getResponse().writeWith(Mono.just(body));
    }

    private ProblemDetail problemFor(Throwable error) {
        if (isUnreachable(error)) {
            log.warn("Upstream unreachable: {}", error.toString());
            ProblemDetail problem = ProblemTypes.problem(HttpStatus.SERVICE_UNAVAILABLE,
                    "The service behind this path is not reachable right now; retry shortly.");
            problem.setTitle("Service unavailable");
            return problem;
        }
        if (isTimeout(error)) {
            ProblemDetail problem = ProblemTypes.problem(HttpStatus.GATEWAY_TIMEOUT,
                    "The service behind this path did not answer in time; retry shortly.");
            problem.setTitle("Upstream timeout");
            return problem;
        }
        if (error instanceof ResponseStatusException statusError) {
            ProblemDetail problem = ProblemTypes.problem(statusError.getStatusCode(),
                    statusError.getStatusCode().is5xxServerError() ? "The gateway could not complete the request."
                            : String.valueOf(statusError.getReason() != null ? statusError.getReason()
                            : HttpStatus.valueOf(statusError.getStatusCode().value()).getReasonPhrase()));
            return problem;
        }
        log.error("Unexpected gateway error", error);
        ProblemDetail problem = ProblemTypes.problem(HttpStatus.INTERNAL_SERVER_ERROR,
                "Something went wrong on our side.");
        problem.setTitle("Internal error");
        return problem;
    }

    private static boolean isUnreachable(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof ConnectTimeoutException
                    || cause instanceof ServiceUnavailableException) {
                return true;
            }
        }
        return false;
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
}
