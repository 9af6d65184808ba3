package com.aifinance.queuemonitor.notification;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import com.aifinance.common.events.EventStreams;
import com.aifinance.common.web.ApiProblem;
import com.aifinance.queuemonitor.Paged;
import com.aifinance.queuemonitor.audit.QueueAudit;
import com.aifinance.queuemonitor.notification.provider.Channel;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What ops see and do about notification deliveries: channel status, the delivery queue, its dead letters. */
@RestController
@RequestMapping("/api/queues/notifications")
@PreAuthorize("hasRole('OPS')")
@Validated
@Tag(name = "Notification deliveries", description = "Channels, the delivery queue and its dead letters (ROLE_OPS)")
@SecurityRequirement(name = "bearer")
class DeliveryOperationsController {

    private final DeliveryDispatchers dispatchers;
    private final DeliveryQueue queue;
    private final RejectionLog rejections;
    private final QueueAudit audit;
    private final TransactionTemplate transactions;
    private final Clock clock;

    DeliveryOperationsController(DeliveryDispatchers dispatchers, DeliveryQueue queue, RejectionLog rejections,
                                 QueueAudit audit, TransactionTemplate transactions, Clock clock) {
        this.dispatchers = dispatchers;
        this.queue = queue;
        this.rejections = rejections;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Schema(description = "A delivery channel and whether its provider is configured")
    record ChannelStatus(String channel, boolean configured, String missingSettings, boolean premium) {
    }

    @Schema(description = "One notification on one channel")
    record DeliveryView(UUID id, String notificationId, String eventId, String userId, String template, String channel,
                        String status, int attempts, Instant nextAttemptAt, Instant leaseUntil, String leasedBy,
                        String lastError, String providerMessageId, Instant requestedAt, Instant queuedAt,
                        Instant deliveredAt) {

        static DeliveryView of(Delivery delivery) {
            return new DeliveryView(delivery.id(), delivery.notificationId(), delivery.eventId(), delivery.userId(),
                    delivery.template(), delivery.channel().id(), delivery.status(), delivery.attempts(),
                    delivery.nextAttemptAt(), delivery.leaseUntil(), delivery.leasedBy(), delivery.lastError(),
                    delivery.providerMessageId(), delivery.requestedAt(), delivery.queuedAt(), delivery.deliveredAt());
        }
    }

    @Schema(description = "Why an operator acts")
    record Reason(@NotBlank @Size(max = 500) String reason) {
    }

    @GetMapping("/channels")
    @Operation(summary = "Channels and whether each provider is configured",
            description = "A channel without credentials is 'not configured': its deliveries are parked, never faked.")
    List<ChannelStatus> channels() {
        return Arrays.stream(Channel.values()).map(channel -> {
            var sender = dispatchers.sender(channel);
            return new ChannelStatus(channel.id(), sender.configured(), sender.missingSettings(), channel.premium());
        }).toList();
    }

    @GetMapping("/deliveries")
    @Operation(summary = "Deliveries, newest change first, optionally by status and channel")
    Paged<DeliveryView> deliveries(
            @Parameter(description = "queued, sending, delivered, dead_lettered or parked")
            @RequestParam(required = false) @Pattern(regexp = "queued|sending|delivered|dead_lettered|parked") String status,
            @RequestParam(required = false) @Pattern(regexp = "email|sms|telegram|whatsapp|slack") String channel,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        Channel chosen = channel == null ? null : Channel.of(channel).orElseThrow();
        return new Paged<>(queue.page(status, chosen, page, size).stream().map(DeliveryView::of).toList(), page, size,
                queue.count(status, chosen));
    }

    @GetMapping("/deliveries/{id}")
    @Operation(summary = "One delivery")
    @ApiResponse(responseCode = "404", description = "No such delivery")
    DeliveryView delivery(@PathVariable UUID id) {
        return queue.find(id).map(DeliveryView::of).orElseThrow(() -> ApiProblem.notFound("Delivery " + id));
    }

    @PostMapping("/deliveries/{id}/retry")
    @Operation(summary = "Queue a dead-lettered or parked delivery again with a fresh set of attempts (audited)")
    @ApiResponse(responseCode = "404", description = "No dead-lettered or parked delivery with that id")
    DeliveryView retry(@PathVariable UUID id, @Valid @RequestBody Reason body) {
        Delivery retried = transactions.execute(status -> {
            if (!queue.requeue(id, clock.instant())) {
                throw ApiProblem.notFound("A dead-lettered or parked delivery " + id);
            }
            audit.record("retry_delivery", EventStreams.NOTIFY, null, id.toString(), body.reason(), 1);
            return queue.find(id).orElseThrow();
        });
        dispatchers.wake(retried.channel());
        return DeliveryView.of(retried);
    }

    @GetMapping("/rejections")
    @Operation(summary = "Requests that never became a delivery, with the reason (malformed, unknown channel, no "
            + "verified address, tier not allowed, bad template values)")
    Paged<RejectionLog.Rejected> rejections(@RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                                            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return new Paged<>(rejections.page(page, size), page, size, rejections.count());
    }
}
