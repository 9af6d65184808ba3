package com.aifinance.common.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every exception a servlet service lets escape into an RFC 9457 problem detail with a stable type: Spring
 * MVC's own exceptions, bean-validation failures (with the offending fields), {@link ApiProblem}s, and anything
 * unexpected (500, with an error id that is logged beside the stack trace and never the stack trace itself).
 * Refusals of method security are left to Spring Security's filter chain (401/403).
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> constraintViolation(ConstraintViolationException exception, WebRequest request) {
        List<Map<String, String>> errors = exception.getConstraintViolations().stream()
                .map(violation -> Map.of("field", String.valueOf(violation.getPropertyPath()),
                        "message", violation.getMessage()))
                .toList();
        return validationProblem(exception, errors, request);
    }

    /**
     * PostgreSQL or Redis not answering (a timeout, no connection, the pool exhausted) is a passing outage of a
     * dependency, not a bug: 503 with {@code Retry-After}, logged without a stack trace.
     */
    @ExceptionHandler({TransientDataAccessException.class, DataAccessResourceFailureException.class,
            CannotCreateTransactionException.class})
    ResponseEntity<Object> dependencyUnavailable(Exception exception, WebRequest request) {
        log.warn("A dependency did not answer: {}", NestedExceptionUtils.getMostSpecificCause(exception).toString());
        ProblemDetail problem = ProblemTypes.problem(HttpStatus.SERVICE_UNAVAILABLE,
                "A system this service depends on is not answering right now; retry shortly.");
        problem.setTitle("Service unavailable");
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, "5");
        return handleExceptionInternal(exception, problem, headers, HttpStatus.SERVICE_UNAVAILABLE, request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception exception, WebRequest request) throws Exception {
        if (isSecurityRefusal(exception)) {
            // method security refusals belong to Spring Security, which answers them as 401/403 problem details
            throw exception;
        }
        String errorId = UUID.randomUUID().toString();
        log.error("Unexpected error {}", errorId, exception);
        ProblemDetail problem = ProblemTypes.problem(HttpStatus.INTERNAL_SERVER_ERROR,
                "Something went wrong on our side; quote error id " + errorId + " to support.");
        problem.setTitle("Internal error");
        problem.setProperty("errorId", errorId);
        return handleExceptionInternal(exception, problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException exception,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<Map<String, String>> errors = exception.getBindingResult().getFieldErrors().stream()
                .map(error -> Map.of("field", error.getField(),
                        "message", String.valueOf(error.getDefaultMessage())))
                .toList();
        return validationProblem(exception, errors, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException exception,
                                                                            HttpHeaders headers, HttpStatusCode status,
                                                                            WebRequest request) {
        List<Map<String, String>> errors = exception.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> Map.of("field", String.valueOf(result.getMethodParameter().getParameterName()),
                                "message", String.valueOf(error.getDefaultMessage()))))
                .toList();
        return validationProblem(exception, errors, request);
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException exception,
                                                                    HttpHeaders headers, HttpStatusCode status,
                                                                    WebRequest request) {
        ProblemDetail problem = ProblemTypes.problem(HttpStatus.NOT_FOUND,
                "Nothing exists at /" + exception.getResourcePath() + ".");
        problem.setTitle("Not found");
        return handleExceptionInternal(exception, problem, headers, HttpStatus.NOT_FOUND, request);
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
                                                          WebRequest request) {
        if (body instanceof ProblemDetail problem && (problem.getType() == null
                || "about:blank".equals(problem.getType().toString()))) {
            problem.setType(ProblemTypes.forStatus(status));
        }
        return super.createResponseEntity(body, headers, status, request);
    }

    private static boolean isSecurityRefusal(Exception exception) {
        for (Class<?> type = exception.getClass(); type != null; type = type.getSuperclass()) {
            String name = type.getName();
            if (name.equals("org.springframework.security.access.AccessDeniedException")
                    || name.equals("org.springframework.security.core.AuthenticationException")) {
                return true;
            }
        }
        return false;
    }

    private ResponseEntity<Object> validationProblem(Exception exception, List<Map<String, String>> errors,
                                                     WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The request has " + errors.size() + " invalid field" + (errors.size() == 1 ? "" : "s") + ".");
        problem.setType(ProblemTypes.VALIDATION);
        problem.setTitle("Invalid request");
        problem.setProperty("errors", errors);
        return handleExceptionInternal(exception, problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
    }
}
