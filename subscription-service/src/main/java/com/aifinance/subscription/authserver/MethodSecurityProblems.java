package com.aifinance.subscription.authserver;

import com.aifinance.common.web.ProblemTypes;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * {@code @PreAuthorize} refusals happen inside Spring MVC, where common-lib's catch-all advice would turn them into a
 * 500; answer them as the 403 problem the filter chain gives.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class MethodSecurityProblems {

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> denied() {
        return ResponseEntity.status(HttpStatus.FORBIDDEN)
                .header("WWW-Authenticate", "Bearer error=\"insufficient_scope\"")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemTypes.problem(HttpStatus.FORBIDDEN, "Your account is not allowed to do this."));
    }
}
