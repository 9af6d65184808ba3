package com.aifinance.institutional.webhooks;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.aifinance.common.security.Caller;
import com.aifinance.common.web.ApiProblem;
import com.aifinance.common.web.ProblemTypes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Webhooks", description = "Signed POSTs of every new signal to your endpoints (institutional clients)")
@PreAuthorize("hasRole('INSTITUTIONAL_CLIENT') and hasAuthority('TIER_INSTITUTIONAL') and hasAuthority('SCOPE_webhooks:manage')")
class WebhooksController {

    @Schema(description = "A new endpoint")
    record EndpointRequest(@Schema(example = "https://hooks.example.com/aifa") @NotBlank @Size(max = 2000) String url,
                           @Schema(example = "Trading desk") @Size(max = 200) String description) {
    }

    record EndpointView(UUID id, String url, String description, Instant createdAt, Instant secretRotatedAt,
                        Instant previousSecretValidUntil) {

        static EndpointView of(WebhookEndpoints.Endpoint e) {
            return new EndpointView(e.id(), e.url(), e.description(), e.createdAt(), e.secretRotatedAt(),
                    e.previousSecretValidUntil());
        }
    }

    @Schema(description = "An endpoint with its signing secret: shown only in this answer, store it now")
    record EndpointWithSecret(UUID id, String url, String description, String secret, Instant previousSecretValidUntil) {
    }

    record EndpointList(List<EndpointView> data) {
    }

    record DeliveryView(UUID id, String eventId, String eventType, String status, int attempts, Instant nextAttemptAt,
                        Instant createdAt, Instant deliveredAt, List<WebhookEndpoints.Attempt> attemptLog) {
    }

    record DeliveryList(List<DeliveryView> data) {
    }

    private final WebhookEndpoints endpoints;
    private final WebhookProperties properties;
    private final Clock clock;

    WebhooksController(WebhookEndpoints endpoints, WebhookProperties properties, Clock clock) {
        this.endpoints = endpoints;
        this.properties = properties;
        this.clock = clock;
    }

    @PostMapping("/v1/webhooks")
    @Operation(summary = "Register an endpoint", description = """
            Every new signal is POSTed to it as JSON, signed: X-AIFA-Timestamp (unix seconds) and X-AIFA-Signature \
            `t=<timestamp>,v1=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`. Non-2xx answers and timeouts (5 s) are \
            retried with exponential backoff. The secret is in this answer only.""")
    @ApiResponse(responseCode = "201", content = @Content(examples = @ExampleObject(value = """
            {"id": "5d0f3a52-8a53-4b8e-9a55-0c1f1b9d2f10", "url": "https://hooks.example.com/aifa",
             "description": "Trading desk", "secret": "whsec_Q2hhbmdlIG1lIHRvIHlvdXIgb3duIHNlY3JldCE", "previousSecretValidUntil": null}""")))
    ResponseEntity<EndpointWithSecret> create(@Valid @RequestBody EndpointRequest request) {
        String client = client();
        var refused = EndpointAddress.problem(request.url().trim(), properties);
        if (refused.isPresent()) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "Invalid request",
                    "The request has 1 invalid field.",
                    Map.of("errors", List.of(Map.of("field", "url", "message", refused.get()))));
        }
        if (endpoints.countActive(client) >= properties.maxEndpointsPerClient()) {
            throw ApiProblem.conflict("A client may register at most " + properties.maxEndpointsPerClient()
                    + " endpoints; remove one first.");
        }
        UUID id = UUID.randomUUID();
        String secret = endpoints.create(id, client, request.url().trim(), request.description());
        return ResponseEntity.created(URI.create("/v1/webhooks/" + id))
                .body(new EndpointWithSecret(id, request.url().trim(), request.description(), secret, null));
    }

    @GetMapping("/v1/webhooks")
    @Operation(summary = "Your endpoints", description = "Secrets are never shown again.")
    EndpointList list() {
        return new EndpointList(endpoints.ofClient(client()).stream().map(EndpointView::of).toList());
    }

    @DeleteMapping("/v1/webhooks/{id}")
    @Operation(summary = "Remove an endpoint", description = "Pending deliveries to it are dropped.")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        if (!endpoints.deactivate(client(), id)) {
            throw ApiProblem.notFound("Webhook endpoint " + id);
        }
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/v1/webhooks/{id}/rotate-secret")
    @Operation(summary = "Rotate the signing secret", description = """
            Returns the new secret. For 24 hours deliveries carry two v1 signatures (new and previous secret), so you \
            can switch without missing a delivery.""")
    EndpointWithSecret rotate(@PathVariable UUID id) {
        String client = client();
        Instant until = clock.instant().plus(properties.secretOverlap());
        String secret = endpoints.rotate(client, id, until)
                .orElseThrow(() -> ApiProblem.notFound("Webhook endpoint " + id));
        WebhookEndpoints.Endpoint endpoint = endpoints.find(client, id).orElseThrow();
        return new EndpointWithSecret(id, endpoint.url(), endpoint.description(), secret, until);
    }

    @GetMapping("/v1/webhooks/{id}/deliveries")
    @Operation(summary = "Delivery log of an endpoint", description = "Newest first, each with every attempt.")
    DeliveryList deliveries(@PathVariable UUID id, @RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > 200) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "Invalid request",
                    "The request has 1 invalid field.",
                    Map.of("errors", List.of(Map.of("field", "limit", "message", "must be between 1 and 200"))));
        }
        endpoints.find(client(), id).orElseThrow(() -> ApiProblem.notFound("Webhook endpoint " + id));
        return new DeliveryList(endpoints.deliveries(id, limit).stream()
                .map(d -> new DeliveryView(d.id(), d.eventId(), d.eventType(), d.status(), d.attempts(),
                        d.nextAttemptAt(), d.createdAt(), d.deliveredAt(), endpoints.attempts(d.id())))
                .toList());
    }

    private static String client() {
        return Caller.current().map(Caller::subject).orElseThrow();
    }
}
