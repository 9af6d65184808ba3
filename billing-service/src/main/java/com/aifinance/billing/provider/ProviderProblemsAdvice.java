package com.aifinance.billing.provider;

import com.aifinance.billing.problem.BillingProblems;
import com.aifinance.common.web.ApiProblem;
import com.aifinance.common.web.ProblemTypes;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Provider failures as problem details: not configured (503), declined (402), refused (422), unreachable (502). */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ProviderProblemsAdvice {

    private final BillingProblems problems;

    ProviderProblemsAdvice(BillingProblems problems) {
        this.problems = problems;
    }

    /**
     * Method security refusals: without this the platform's catch-all handler would answer them with 500.
     */
    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> accessDenied(AccessDeniedException exception) {
        ProblemDetail problem = ProblemTypes.problem(HttpStatus.FORBIDDEN, "Your account is not allowed to do this.");
        return ResponseEntity.status(HttpStatus.FORBIDDEN)
                .header("WWW-Authenticate", "Bearer error=\"insufficient_scope\"")
                .body(problem);
    }

    @ExceptionHandler(ProviderNotConfigured.class)
    ResponseEntity<ProblemDetail> notConfigured(ProviderNotConfigured exception) {
        return answer(problems.refuse("provider_not_configured", HttpStatus.SERVICE_UNAVAILABLE,
                BillingProblems.PROVIDER_NOT_CONFIGURED, "Payment provider not configured", exception.getMessage()));
    }

    @ExceptionHandler(ProviderFailure.class)
    ResponseEntity<ProblemDetail> failed(ProviderFailure exception) {
        String provider = exception.provider().code();
        if (!exception.definitive()) {
            return answer(problems.refuse("provider_unavailable", HttpStatus.BAD_GATEWAY, BillingProblems.PROVIDER_ERROR,
                    "Payment provider unavailable", provider + " could not be reached or failed; retry the request "
                            + "(it is idempotent)."));
        }
        if ("card_declined".equals(exception.code()) || "payment_declined".equals(exception.code())) {
            return answer(problems.refuse("payment_declined", HttpStatus.PAYMENT_REQUIRED,
                    BillingProblems.PAYMENT_DECLINED, "Payment declined", provider + ": " + exception.getMessage()));
        }
        return answer(problems.refuse("provider_refused", HttpStatus.UNPROCESSABLE_CONTENT,
                BillingProblems.PROVIDER_ERROR, "Payment provider refused the request",
                provider + ": " + exception.getMessage()));
    }

    private static ResponseEntity<ProblemDetail> answer(ApiProblem problem) {
        return ResponseEntity.status(problem.getStatusCode()).body(problem.getBody());
    }
}
