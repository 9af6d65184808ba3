package com.aifinance.billing.webhook;

import java.util.List;

import com.aifinance.billing.provider.ProviderName;
import com.aifinance.common.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/billing/ops/webhooks")
@PreAuthorize("hasRole('OPS')")
@Validated
@Tag(name = "Webhooks (ops)", description = "Stored webhook events: parked ones and their reasons, replay")
class WebhookOpsController {

    private final WebhookInbox inbox;
    private final WebhookProcessor processor;

    WebhookOpsController(WebhookInbox inbox, WebhookProcessor processor) {
        this.inbox = inbox;
        this.processor = processor;
    }

    @GetMapping
    @Operation(summary = "Stored events by status (parked = waiting for ops review, with the reason)")
    List<WebhookInbox.StoredEvent> events(
            @Parameter(description = "received, processed, ignored or parked")
            @RequestParam(defaultValue = "parked") @Pattern(regexp = "received|processed|ignored|parked") String status,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return inbox.withStatus(status, limit);
    }

    @GetMapping("/{provider}/{eventId}")
    @Operation(summary = "One stored event")
    WebhookInbox.StoredEvent event(@PathVariable @Pattern(regexp = "stripe|razorpay") String provider,
                                   @PathVariable String eventId) {
        return inbox.find(ProviderName.fromCode(provider), eventId)
                .orElseThrow(() -> ApiProblem.notFound("Event " + eventId));
    }

    @PostMapping("/{provider}/{eventId}/replay")
    @Operation(summary = "Queue a parked event again (after fixing what it lacked)")
    WebhookInbox.StoredEvent replay(@PathVariable @Pattern(regexp = "stripe|razorpay") String provider,
                                    @PathVariable String eventId) {
        ProviderName name = ProviderName.fromCode(provider);
        if (!inbox.replay(name, eventId)) {
            throw inbox.find(name, eventId).isPresent() ? ApiProblem.conflict("Only a parked event can be replayed")
                    : ApiProblem.notFound("Event " + eventId);
        }
        processor.wakeUp();
        return inbox.find(name, eventId).orElseThrow();
    }
}
