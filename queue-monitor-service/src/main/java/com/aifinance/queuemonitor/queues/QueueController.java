package com.aifinance.queuemonitor.queues;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.aifinance.common.web.ApiProblem;
import com.aifinance.queuemonitor.Paged;
import com.aifinance.queuemonitor.audit.QueueAudit;
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
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operations view of every platform stream and its consumer groups, with the actions ops take on them. Every
 * action needs a reason and is audited.
 */
@RestController
@RequestMapping("/api/queues")
@PreAuthorize("hasRole('OPS')")
@Validated
@Tag(name = "Queues", description = "Streams, consumer groups, pending entries and dead letters (ROLE_OPS)")
@SecurityRequirement(name = "bearer")
class QueueController {

    private static final String ENTRY_ID = "\\d{1,19}-\\d{1,19}";
    private static final String GROUP_NAME = "[A-Za-z0-9._:-]{1,100}";

    private final QueueInspector inspector;
    private final QueueActions actions;
    private final QueueHistory history;
    private final QueueAudit audit;
    private final Clock clock;

    QueueController(QueueInspector inspector, QueueActions actions, QueueHistory history, QueueAudit audit, Clock clock) {
        this.inspector = inspector;
        this.actions = actions;
        this.history = history;
        this.audit = audit;
        this.clock = clock;
    }

    @Schema(description = "A page of Redis entries; pass next as 'after' for the following page (null: no more)")
    record Cursor<T>(List<T> items, String next) {
    }

    @Schema(description = "Why an operator acts")
    record Reason(@NotBlank @Size(max = 500) String reason) {
    }

    @Schema(description = "Pending entries to move to the dead-letter stream: the listed ids, or all idle for at least minIdleSeconds")
    record MovePending(@Size(max = 1000) List<@Pattern(regexp = ENTRY_ID) String> entryIds,
                       @Positive Long minIdleSeconds,
                       @NotBlank @Size(max = 500) String reason) {
    }

    @GetMapping("/streams")
    @Operation(summary = "Every platform stream with its length, dead letters and consumer groups (lag, pending, oldest pending age)")
    List<QueueInspector.StreamView> streams() {
        return inspector.all();
    }

    @GetMapping("/streams/{stream}")
    @Operation(summary = "One stream in detail, with each group's consumers")
    @ApiResponse(responseCode = "404", description = "Not a platform stream")
    QueueInspector.StreamView stream(@PathVariable String stream) {
        return inspector.stream(watched(stream));
    }

    @GetMapping("/streams/{stream}/groups/{group}/pending")
    @Operation(summary = "Pending entries of a group, oldest first, with consumer, idle time and delivery count")
    Cursor<QueueInspector.PendingView> pending(@PathVariable String stream,
                                               @PathVariable @Pattern(regexp = GROUP_NAME) String group,
                                               @Parameter(description = "the last id of the previous page")
                                               @RequestParam(required = false) @Pattern(regexp = ENTRY_ID) String after,
                                               @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        requireGroup(watched(stream), group);
        List<QueueInspector.PendingView> page = inspector.pending(stream, group, after, limit);
        return new Cursor<>(page, page.size() < limit ? null : page.getLast().id());
    }

    @GetMapping("/streams/{stream}/dead-letters")
    @Operation(summary = "Dead letters of a stream, oldest first, optionally of one consumer group")
    Cursor<QueueActions.DeadLetter> deadLetters(@PathVariable String stream,
                                                @RequestParam(required = false) @Pattern(regexp = GROUP_NAME) String group,
                                                @RequestParam(required = false) @Pattern(regexp = ENTRY_ID) String after,
                                                @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        List<QueueActions.DeadLetter> page = actions.deadLetters(watched(stream), group, after, limit);
        return new Cursor<>(page, page.size() < limit ? null : page.getLast().id());
    }

    @PostMapping("/streams/{stream}/dead-letters/{id}/retry")
    @Operation(summary = "Re-add one dead letter to its stream (every group sees it again; groups that handled it "
            + "before skip it through their inbox) and remove it from the dead letters")
    @ApiResponse(responseCode = "404", description = "No such dead letter")
    QueueActions.Outcome retry(@PathVariable String stream, @PathVariable @Pattern(regexp = ENTRY_ID) String id,
                               @Valid @RequestBody Reason body) {
        return actions.retry(watched(stream), id, body.reason());
    }

    @PostMapping("/streams/{stream}/dead-letters/retry")
    @Operation(summary = "Re-add every dead letter of the stream (or of one group) to the stream")
    QueueActions.Outcome retryAll(@PathVariable String stream,
                                  @RequestParam(required = false) @Pattern(regexp = GROUP_NAME) String group,
                                  @Valid @RequestBody Reason body) {
        return actions.retryAll(watched(stream), group, body.reason());
    }

    @PostMapping("/streams/{stream}/dead-letters/{id}/discard")
    @Operation(summary = "Delete one dead letter for good, with the reason")
    @ApiResponse(responseCode = "404", description = "No such dead letter")
    QueueActions.Outcome discard(@PathVariable String stream, @PathVariable @Pattern(regexp = ENTRY_ID) String id,
                                 @Valid @RequestBody Reason body) {
        return actions.discard(watched(stream), id, body.reason());
    }

    @PostMapping("/streams/{stream}/groups/{group}/pending/dead-letter")
    @Operation(summary = "Move stuck pending entries of a group to the dead-letter stream and acknowledge them")
    @ApiResponse(responseCode = "400", description = "Neither entryIds nor minIdleSeconds given")
    QueueActions.Outcome movePending(@PathVariable String stream,
                                     @PathVariable @Pattern(regexp = GROUP_NAME) String group,
                                     @Valid @RequestBody MovePending body) {
        boolean listed = body.entryIds() != null && !body.entryIds().isEmpty();
        if (listed == (body.minIdleSeconds() != null)) {
            throw ApiProblem.invalid("give either entryIds or minIdleSeconds");
        }
        return actions.deadLetterPending(watched(stream), group, body.entryIds(),
                body.minIdleSeconds() == null ? null : Duration.ofSeconds(body.minIdleSeconds()).toMillis(), body.reason());
    }

    @PostMapping("/streams/{stream}/groups/{group}/pause")
    @Operation(summary = "Pause a consumer group: its workers stop reading until it is resumed")
    @ApiResponse(responseCode = "409", description = "Already paused")
    QueueActions.Outcome pause(@PathVariable String stream, @PathVariable @Pattern(regexp = GROUP_NAME) String group,
                               @Valid @RequestBody Reason body) {
        return actions.pause(watched(stream), group, body.reason());
    }

    @PostMapping("/streams/{stream}/groups/{group}/resume")
    @Operation(summary = "Resume a paused consumer group")
    @ApiResponse(responseCode = "409", description = "Not paused")
    QueueActions.Outcome resume(@PathVariable String stream, @PathVariable @Pattern(regexp = GROUP_NAME) String group,
                                @Valid @RequestBody Reason body) {
        return actions.resume(watched(stream), group, body.reason());
    }

    @GetMapping("/streams/{stream}/history")
    @Operation(summary = "Per-minute history of the stream (no group) or of one consumer group, newest first")
    Paged<QueueHistory.Sample> history(@PathVariable String stream,
                                       @RequestParam(required = false) @Pattern(regexp = GROUP_NAME) String group,
                                       @Parameter(description = "from (inclusive, ISO-8601); default 24 hours ago")
                                       @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                                       @Parameter(description = "to (exclusive, ISO-8601); default now")
                                       @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                                       @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                                       @RequestParam(defaultValue = "60") @Min(1) @Max(1440) int size) {
        Instant end = to == null ? clock.instant() : to;
        Instant start = from == null ? end.minus(Duration.ofHours(24)) : from;
        if (!start.isBefore(end)) {
            throw ApiProblem.invalid("from must be before to");
        }
        String row = group == null ? QueueHistory.STREAM_ROW : group;
        return new Paged<>(history.page(watched(stream), row, start, end, page, size), page, size,
                history.count(stream, row, start, end));
    }

    @GetMapping("/actions")
    @Operation(summary = "The audit trail of operator actions, newest first")
    Paged<QueueAudit.Action> auditTrail(@RequestParam(required = false) String stream,
                                        @RequestParam(required = false)
                                        @Pattern(regexp = "retry|retry_all|dead_letter|discard|pause|resume|retry_delivery") String action,
                                        @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                                        @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return new Paged<>(audit.page(stream, action, page, size), page, size, audit.count(stream, action));
    }

    private String watched(String stream) {
        if (!inspector.watched(stream)) {
            throw ApiProblem.notFound("Stream " + stream);
        }
        return stream;
    }

    private void requireGroup(String stream, String group) {
        if (!inspector.groupExists(stream, group)) {
            throw ApiProblem.notFound("Consumer group " + group + " of " + stream);
        }
    }
}
