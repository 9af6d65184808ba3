package com.aifinance.subscription.lifecycle;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.aifinance.common.security.Caller;
import com.aifinance.common.web.ApiProblem;
import com.aifinance.subscription.audit.AuditLog;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Ops can apply the same transitions billing's events cause (until billing runs, and to fix mistakes). Every call is
 * audited with the ops user, the address, and the subscription before and after, in the transition's transaction.
 */
@RestController
@RequestMapping("/api/subscriptions/ops/subscriptions")
@Tag(name = "Subscriptions (ops)", description = "Lifecycle transitions applied by operations staff")
@SecurityRequirement(name = "bearer")
@PreAuthorize("hasRole('OPS')")
class OpsSubscriptionController {

    private final Subscriptions subscriptions;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final JdbcClient jdbc;
    private final java.time.Clock clock;

    OpsSubscriptionController(Subscriptions subscriptions, AuditLog audit, TransactionTemplate transactions,
                              JdbcClient jdbc, java.time.Clock clock) {
        this.subscriptions = subscriptions;
        this.audit = audit;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @GetMapping("/{id}")
    @Operation(summary = "Show a subscription with its transitions")
    Detail show(@PathVariable UUID id) {
        Subscription subscription = subscriptions.byId(id).orElseThrow(() -> ApiProblem.notFound("Subscription " + id));
        List<Map<String, Object>> history = jdbc.sql("""
                        select action, from_status as "from", to_status as "to", plan_code as "planCode", actor, reason,
                               occurred_at as "occurredAt"
                        from subscription_transitions where subscription_id = ? order by id""")
                .param(id).query().listOfRows();
        return new Detail(subscription, history);
    }

    @PostMapping("/{id}/transitions")
    @Operation(summary = "Apply a lifecycle transition", description = "Allowed actions per state are the lifecycle "
            + "table's (docs/identity.md); a transition the state does not allow is a 409. Audited.")
    Subscription transition(@PathVariable UUID id, @Valid @RequestBody Transition request) {
        Action action = request.action();
        String actor = "ops:" + Caller.current().map(Caller::subject).orElse("unknown");
        return transactions.execute(status -> {
            Subscriptions.Change change = subscriptions.apply(id, action, request.planCode(), clock.instant(), actor,
                    request.reason());
            audit.record(actor, "subscription." + action.value(), "subscription:" + id, change.before(), change.after());
            return change.after();
        });
    }

    record Transition(
            @NotNull @Schema(description = "activate, mark_past_due, cancel, expire, reactivate, schedule_cancel, "
                    + "undo_cancel, upgrade, schedule_downgrade") Action action,
            @Schema(description = "the new plan, for upgrade and schedule_downgrade") String planCode,
            @NotBlank @Size(max = 500) @Schema(description = "why; kept in the audit log") String reason) {
    }

    record Detail(Subscription subscription, List<Map<String, Object>> transitions) {
    }
}
